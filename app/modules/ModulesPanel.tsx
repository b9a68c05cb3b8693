// Placeholder: the Modules view (issue 5) replaces this file.
export function ModulesPanel() {
  return (
    <section aria-label="Modules">
      <p>Modules view coming soon.</p>
    </section>
  );
}
