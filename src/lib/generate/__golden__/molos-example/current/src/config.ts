import { Database } from "lucide-svelte";
import type { ModuleConfig } from "$lib/config/types";

export const moduleConfig: ModuleConfig = {
  id: "MoLOS-Example",
  name: "Example",
  href: "/ui/MoLOS-Example",
  icon: Database,
  description: "The items module from the MoLOS module documentation.",
  navigation: [{ name: "Example", icon: Database, href: "/ui/MoLOS-Example" }],
};

export default moduleConfig;
