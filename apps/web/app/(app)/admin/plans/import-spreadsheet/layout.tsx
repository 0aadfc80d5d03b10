import { ClientMessages } from "@/components/ClientMessages";

// The client components of the spreadsheet import (ImportForm) read these message namespaces; the page carries no others.
export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["adminSpreadsheet"]}>{children}</ClientMessages>;
}
