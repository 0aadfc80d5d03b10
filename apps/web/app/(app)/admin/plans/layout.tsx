import { ClientMessages } from "@/components/ClientMessages";

// The client components of plan administration (forms, text import) read these message namespaces; the page carries no others.
export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["adminPlans", "adminDepartments"]}>{children}</ClientMessages>;
}
