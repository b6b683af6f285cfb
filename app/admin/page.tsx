// GET / on the admin host — staff sign-in.
// NOTE: the form's back end (next-auth for staff, roles, Identity › Settings) is the admin
// console issue; this page proves that the admin host is routed to its own part.
export default function AdminSignIn() {
  return (
    <div className="panel">
      <h1>Staff sign-in</h1>
      <form method="post" action="/api/auth/callback/credentials" aria-label="Staff sign-in">
        <div className="field">
          <label htmlFor="email">Email</label>
          <input id="email" name="email" type="email" autoComplete="username" required />
        </div>
        <div className="field">
          <label htmlFor="password">Password</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required />
        </div>
        <button className="button" type="submit">
          Sign in
        </button>
      </form>
      <p className="notice">For the staff of the organisations on this platform.</p>
    </div>
  );
}
