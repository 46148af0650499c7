/**
 * Every PostgreSQL advisory lock the product takes, in one place: two features that picked
 * the same number by hand would silently serialise each other (the demo seed once shared
 * the alert reminders' id). A unit test checks that no two are equal.
 */
export const ADVISORY_LOCKS = {
  /** One node migrates at a time (session lock, held across the migration). */
  migration: 7_301_746_661,
  /** One first administrator across nodes. */
  firstAdmin: 7_301_746_662,
  /** One directory load at a time. */
  directoryLoad: 7_301_746_663,
  alertReminders: 7_301_746_664,
  deadlineTriage: 7_301_746_665,
  handoffExpiry: 7_301_746_666,
  tradeExpiry: 7_301_746_667,
  eventPruning: 7_301_746_668,
  idempotencyPruning: 7_301_746_669,
  followUpsDue: 7_301_746_670,
  irccRepliesOverdue: 7_301_746_671,
  /** One demo seed at a time. */
  demoSeed: 7_301_746_672,
  /** One chain verification at a time (GET /audit/verify). */
  auditVerify: 7_301_746_677,
  documentOrphans: 7_301_746_715,
  seatTransitions: 7_301_746_716,
} as const;
