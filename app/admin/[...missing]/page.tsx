// Any path of the admin host that no page serves: the console's own 404 (app/admin/not-found.tsx),
// not the product-wide one, so it keeps the console's frame.
import { notFound } from "next/navigation";

export default function MissingConsolePage(): never {
  notFound();
}
