// A Zephr-compatible path no route serves: a JSON 404 in Zephr's shape, not Next's HTML page.
import { unknownZephrRoute } from "@/app/_lib/zephr-route";

export const { GET, POST, PUT, PATCH, DELETE } = unknownZephrRoute;
