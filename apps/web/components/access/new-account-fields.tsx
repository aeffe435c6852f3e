/** The fields of a new person's account (setup, accepting an invitation without one): name, email, password. */
export function NewAccountFields() {
  return (
    <>
      <label className="field">
        <span className="field__label">Your name</span>
        <input className="input" name="name" autoComplete="name" required />
      </label>
      <label className="field">
        <span className="field__label">Email</span>
        <input className="input" name="email" type="email" autoComplete="email" required />
      </label>
      <label className="field">
        <span className="field__label">Password</span>
        <input className="input" name="password" type="password" autoComplete="new-password" minLength={10} required />
        <span className="field__help">At least 10 characters.</span>
      </label>
    </>
  );
}
