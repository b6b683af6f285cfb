// The two live regions under a console form: what was done (status) and what went wrong (alert).
export function StatusAndError({ status, error }: { status: string; error: string }) {
  return (
    <>
      <span role="status" className="admin-status">
        {status}
      </span>
      <span role="alert" className="admin-error">
        {error}
      </span>
    </>
  );
}
