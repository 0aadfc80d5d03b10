import { ClientMessages } from "@/components/ClientMessages";

// The client components of department administration (DepartmentForm, ConfirmButton) read these message namespaces; the page carries no others.
export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages namespaces={["adminDepartments", "adminPlans"]}>{children}</ClientMessages>;
}
