// /api/<anything unknown> — a JSON 404 with the error shape.
import { unknownApiRoute } from "@/app/_lib/unknown-api-route";

export const { GET, POST, PUT, PATCH, DELETE } = unknownApiRoute;
