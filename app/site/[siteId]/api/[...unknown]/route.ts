// /api/<anything unknown> — a JSON 404 with the error shape.
import { unknownApiRoute } from "@/lib/http/unknown-api-route";

export const { GET, POST, PUT, PATCH, DELETE } = unknownApiRoute;
