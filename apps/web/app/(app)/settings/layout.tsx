import { ClientMessages } from "@/components/ClientMessages";

// The client components of my account (password, sessions, API tokens) read these message namespaces; the page carries no others.
export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["account", "settings"]}>{children}</ClientMessages>;
}
