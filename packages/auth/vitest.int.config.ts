import { integrationConfig } from "../../vitest.int.shared";

export default integrationConfig();
