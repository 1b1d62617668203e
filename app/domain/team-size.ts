/** A team has one to five members (usually three); the page shows the limit the server enforces. */
export const maxTeamMembers = 5;
