import { Database } from "lucide-svelte";
import type { ModuleConfig } from "$lib/config/types";

export const moduleConfig: ModuleConfig = {
  id: "MoLOS-Knowledge",
  name: "Knowledge base",
  href: "/ui/MoLOS-Knowledge",
  icon: Database,
  description:
    "Collections of documents with revisions, search chunks, tags and links between documents.",
  navigation: [
    { name: "Knowledge base", icon: Database, href: "/ui/MoLOS-Knowledge" },
  ],
};

export default moduleConfig;
