import { Database } from "lucide-svelte";
import type { ModuleConfig } from "$lib/config/types";

export const moduleConfig: ModuleConfig = {
  id: "MoLOS-Tasks",
  name: "Tasks",
  href: "/ui/MoLOS-Tasks",
  icon: Database,
  description: "Projects, tasks with sub-tasks, tags and a daily log.",
  navigation: [{ name: "Tasks", icon: Database, href: "/ui/MoLOS-Tasks" }],
};

export default moduleConfig;
