/** An email address, kept whole on a line of its own rather than broken mid-word (the .email rule). */
export function Email({ address }: { address: string }) {
  return <span className="email">{address}</span>;
}
