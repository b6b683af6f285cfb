// What a console action answered: the done sentence as a status, a failure as an alert (both
// always in the page, so screen readers announce the change).
export type ActionMessage = { failed: boolean; text: string } | null;

export function ActionStatus({ message }: { message: ActionMessage }) {
  return (
    <>
      <span role="status" className="admin-status">
        {message && !message.failed ? message.text : ""}
      </span>
      <span role="alert" className="admin-error">
        {message?.failed ? message.text : ""}
      </span>
    </>
  );
}
