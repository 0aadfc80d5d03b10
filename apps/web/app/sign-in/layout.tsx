import { ClientMessages } from "@/components/ClientMessages";

// The client components of the sign-in page (SignInForm) read these message namespaces; the page carries no others.
export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["signIn"]}>{children}</ClientMessages>;
}
