import { ClientMessages } from "@/components/ClientMessages";

// The client components of the set-password page (SetPasswordForm) read these message namespaces; the page carries no others.
export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["setPassword"]}>{children}</ClientMessages>;
}
