/** The Close button of a modal <dialog> (a method="dialog" form: closes it and fires its close event). */
export function DialogClose({ autoFocus = true }: { autoFocus?: boolean } = {}) {
  return (
    <form method="dialog">
      <button type="submit" className="primary" autoFocus={autoFocus}>
        Close
      </button>
    </form>
  );
}
