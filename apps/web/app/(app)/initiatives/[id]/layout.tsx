import { ClientMessages } from "@/components/ClientMessages";

// The client components of an initiative page (ReportForm, Timeline, Milestones, extensions, close-out, chase, review) read these message namespaces; the page carries no others.
export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["report", "health", "signIn", "timeline", "milestones", "extensions", "closeOut", "chase", "review"]}>{children}</ClientMessages>;
}
