export default function NotFound() {
  return (
    <main className="container">
      <h1>Page not found</h1>
      <p className="lede">There is nothing at this address.</p>
    </main>
  );
}
