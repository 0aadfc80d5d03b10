import { ClientMessages } from "@/components/ClientMessages";

// The client components of the sign-in limits page (ClearThrottleButton) read this namespace; the page carries no others.
export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["adminThrottles"]}>{children}</ClientMessages>;
}
