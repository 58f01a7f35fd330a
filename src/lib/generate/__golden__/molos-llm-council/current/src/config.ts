import { Database } from "lucide-svelte";
import type { ModuleConfig } from "$lib/config/types";

export const moduleConfig: ModuleConfig = {
  id: "MoLOS-LLM-Council",
  name: "LLM Council",
  href: "/ui/MoLOS-LLM-Council",
  icon: Database,
  description:
    "Ask several models one question: their answers, peer reviews and the chair's verdict.",
  navigation: [
    { name: "LLM Council", icon: Database, href: "/ui/MoLOS-LLM-Council" },
  ],
};

export default moduleConfig;
