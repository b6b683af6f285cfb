// What a console action answered, as the two live regions every console form has
// (status-and-error.tsx): the done sentence as a status, a failure as an alert.
import { StatusAndError } from "../status-and-error";

export type ActionMessage = { failed: boolean; text: string } | null;

export function ActionStatus({ message }: { message: ActionMessage }) {
  return <StatusAndError status={message && !message.failed ? message.text : ""} error={message?.failed ? message.text : ""} />;
}
