// Generated from the server's OpenAPI document by `npm run api:types`. Do not edit.
export interface paths {
  '/api/v1/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Check that the process answers */
    get: operations['HealthController_live'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/health/ready': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Check the database, Redis and draining state */
    get: operations['HealthController_ready'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read the Prometheus metrics */
    get: operations['MetricsController_scrape'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/audit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List audit events */
    get: operations['AuditController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/audit/verify': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Recomputes the keyed hash chain (admins only)
     * @description One verification at a time: a caller arriving while this node verifies gets that run’s answer; while another node verifies, 409 audit_verify_running.
     */
    get: operations['AuditController_verify'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/audit/export': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Export audit events as NDJSON */
    get: operations['AuditController_export'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/parties': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the political parties */
    get: operations['DirectoryController_listParties'];
    put?: never;
    /** Add a political party (admins) */
    post: operations['DirectoryController_createParty'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/offices': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the constituency offices */
    get: operations['DirectoryController_listOffices'];
    put?: never;
    /** Add a constituency office (admins) */
    post: operations['DirectoryController_createOffice'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/offices/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read a constituency office */
    get: operations['DirectoryController_getOffice'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change a constituency office (admins) */
    patch: operations['DirectoryController_updateOffice'];
    trace?: never;
  };
  '/api/v1/auth/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Sign in with e-mail and password */
    post: operations['AuthController_login'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/refresh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Trade a refresh token for a new session */
    post: operations['AuthController_refresh'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/invitations/accept': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Accept an invitation and set a password */
    post: operations['AuthController_acceptInvitation'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/password': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Change your own password */
    post: operations['AuthController_changePassword'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/logout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Sign out of this session */
    post: operations['AuthController_logout'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read the signed-in user and office */
    get: operations['UsersController_me'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/offices/{id}/members': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List an office's members */
    get: operations['UsersController_listMembers'];
    put?: never;
    /** Invite a new member to an office */
    post: operations['UsersController_addMember'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change a user's profile, role or status */
    patch: operations['UsersController_update'];
    trace?: never;
  };
  '/api/v1/cases': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the office's case files */
    get: operations['CasesController_list'];
    put?: never;
    /** Open a case file */
    post: operations['CasesController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/cases/queue': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the office's open files by priority */
    get: operations['CasesController_queue'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/cases/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read a case file or its status */
    get: operations['CasesController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change a case file */
    patch: operations['CasesController_update'];
    trace?: never;
  };
  '/api/v1/cases/{id}/notes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List a file's notes */
    get: operations['CasesController_listNotes'];
    put?: never;
    /** Add a note to a file */
    post: operations['CasesController_addNote'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/cases/{id}/consents': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Record the constituent's consent */
    post: operations['CasesController_addConsent'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/cases/{id}/consents/{consentId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Revoke a recorded consent */
    delete: operations['CasesController_revokeConsent'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/cases/{id}/continue': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Keep or refer a file after a transition */
    post: operations['CasesController_continueAfterTransition'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/cases/{id}/history': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read a file's audit history */
    get: operations['CasesController_history'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/channels': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List your office's channels */
    get: operations['ChannelsController_list'];
    put?: never;
    /** Create a channel between offices */
    post: operations['ChannelsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/channels/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read a channel */
    get: operations['ChannelsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/channels/{id}/members': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Add an office to a channel */
    post: operations['ChannelsController_addMember'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/channels/{id}/members/{officeId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Remove an office from a channel */
    delete: operations['ChannelsController_removeMember'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/channels/{id}/feed': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read a channel's messages and alerts */
    get: operations['ChannelsController_feed'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/channels/{id}/messages': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Post a message to a channel */
    post: operations['ChannelsController_postMessage'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/channels/{id}/messages/{messageId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Delete your message from a channel */
    delete: operations['ChannelsController_deleteMessage'];
    options?: never;
    head?: never;
    /** Edit your message in a channel */
    patch: operations['ChannelsController_editMessage'];
    trace?: never;
  };
  '/api/v1/channels/{id}/alerts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Post an alert to a channel */
    post: operations['ChannelsController_postAlert'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/alerts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List alerts of your office's channels */
    get: operations['AlertsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/alerts/{id}/ack': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Acknowledge an alert for your office */
    post: operations['AlertsController_acknowledge'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/alerts/{id}/acks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List an alert's acknowledgements */
    get: operations['AlertsController_acks'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/handoffs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List handoffs to and from your office */
    get: operations['HandoffsController_list'];
    put?: never;
    /** Offer a file to an office or channel */
    post: operations['HandoffsController_offer'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/handoffs/suggestions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Suggest offices to hand a file to */
    get: operations['HandoffsController_suggest'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/handoffs/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read a handoff */
    get: operations['HandoffsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/handoffs/{id}/accept': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Accept a handoff: the file becomes yours */
    post: operations['HandoffsController_accept'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/handoffs/{id}/decline': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Decline a handoff offered to you */
    post: operations['HandoffsController_decline'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/handoffs/{id}/withdraw': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Withdraw your handoff offer */
    post: operations['HandoffsController_withdraw'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/trades': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List trades of your office */
    get: operations['TradesController_list'];
    put?: never;
    /** Propose a trade of files to an office */
    post: operations['TradesController_propose'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/trades/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read a trade */
    get: operations['TradesController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/trades/{id}/accept': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Accept a trade: the files swap */
    post: operations['TradesController_accept'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/trades/{id}/decline': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Decline a trade proposed to you */
    post: operations['TradesController_decline'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/trades/{id}/withdraw': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Withdraw your trade proposal */
    post: operations['TradesController_withdraw'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/offices/{id}/trade-table': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the files an office offers for trade */
    get: operations['TradesController_table'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/offices/{id}/ledger': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read an office's trade ledger */
    get: operations['TradesController_ledger'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reports/caseload': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Report your office's caseload */
    get: operations['ReportsController_caseload'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reports/caseload.csv': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Download your office's caseload as CSV */
    get: operations['ReportsController_caseloadCsv'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/channels/{id}/report': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Report a channel's activity */
    get: operations['ReportsController_channel'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/cases/{id}/precedent': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Share a precedent learned from a file */
    post: operations['PrecedentsController_share'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/precedents': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List precedents of your office's channels */
    get: operations['PrecedentsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/offices/{id}/transitions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List an office's seat transitions */
    get: operations['TransitionsController_list'];
    put?: never;
    /** Schedule a seat changing hands (admins) */
    post: operations['TransitionsController_schedule'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/cases/{id}/documents': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List a file's documents */
    get: operations['DocumentsController_list'];
    put?: never;
    /** Upload a document to a file */
    post: operations['DocumentsController_upload'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/documents/{id}/content': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Download a document's bytes */
    get: operations['DocumentsController_content'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/documents/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Delete a document, keeping a tombstone */
    delete: operations['DocumentsController_remove'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/cases/{id}/letters': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Write a letter to PDF from a template */
    post: operations['DocumentsController_writeLetter'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/letter-templates': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List your office's letter templates */
    get: operations['LetterTemplatesController_list'];
    put?: never;
    /** Add a letter template (office lead) */
    post: operations['LetterTemplatesController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/letter-templates/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read a letter template */
    get: operations['LetterTemplatesController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/cases/{id}/follow-ups': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List a file's follow-ups */
    get: operations['FollowUpsController_listOfCase'];
    put?: never;
    /** Schedule a follow-up on a file */
    post: operations['FollowUpsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/follow-ups': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List your office's open follow-ups */
    get: operations['FollowUpsController_listOfOffice'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/follow-ups/{id}/done': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Mark a follow-up done */
    post: operations['FollowUpsController_done'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/cases/{id}/interactions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List a file's contact log */
    get: operations['InteractionsController_listOfCase'];
    put?: never;
    /** Log a contact on a file */
    post: operations['InteractionsController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/interactions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List your office's contact log */
    get: operations['InteractionsController_listOfOffice'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/liaison': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Summarize your office's IRCC liaison */
    get: operations['InteractionsController_liaison'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/checklist-templates': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the checklist templates you can use */
    get: operations['ChecklistsController_listTemplates'];
    put?: never;
    /** Create a checklist template (office lead) */
    post: operations['ChecklistsController_createTemplate'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/checklist-templates/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Change a checklist template (office lead) */
    patch: operations['ChecklistsController_updateTemplate'];
    trace?: never;
  };
  '/api/v1/cases/{id}/checklist': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read a file's checklist */
    get: operations['ChecklistsController_checklist'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/cases/{id}/checklist/{itemId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Tick or change a checklist item */
    patch: operations['ChecklistsController_updateItem'];
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    AuditEventDto: {
      seq: number;
      /** Format: uuid */
      id: string;
      /** Format: date-time */
      at: string;
      /** @example case.updated */
      action: string;
      /** Format: uuid */
      actorId: Record<string, never> | null;
      /** Format: uuid */
      officeId: Record<string, never> | null;
      /** Format: uuid */
      caseId: Record<string, never> | null;
      targetType: Record<string, never> | null;
      /** Format: uuid */
      targetId: Record<string, never> | null;
      data: {
        [key: string]: unknown;
      };
      /** @description Link of the tamper-evident chain (hex) */
      hash: string;
      /**
       * @description hmac-sha256: keyed with AUDIT_KEY; sha256: written before the key
       * @enum {string}
       */
      alg: 'hmac-sha256' | 'sha256';
    };
    AuditPageDto: {
      items: components['schemas']['AuditEventDto'][];
      nextCursor: string | null;
    };
    AuditVerificationDto: {
      ok: boolean;
      /** @description Rows checked */
      checked: number;
      firstBadSeq: number | null;
    };
    PartyDto: {
      /** Format: uuid */
      id: string;
      name: string;
      shortName: string;
    };
    PartyPageDto: {
      items: components['schemas']['PartyDto'][];
      nextCursor: string | null;
    };
    CreatePartyDto: {
      /** @example Liberal Party of Canada */
      name: string;
      /** @example LPC */
      shortName: string;
    };
    OfficeDto: {
      /** Format: uuid */
      id: string;
      code: string;
      name: string;
      nameFr: string;
      /** @enum {string} */
      province: 'NL' | 'PE' | 'NS' | 'NB' | 'QC' | 'ON' | 'MB' | 'SK' | 'AB' | 'BC' | 'YT' | 'NT' | 'NU';
      /** @enum {string} */
      level: 'federal' | 'provincial';
      /** Format: uuid */
      partyId: string | null;
      neighbourIds: string[];
      version: number;
    };
    OfficePageDto: {
      items: components['schemas']['OfficeDto'][];
      nextCursor: string | null;
    };
    CreateOfficeDto: {
      /**
       * @description Riding code (federal: the 5-digit FED number)
       * @example 35067
       */
      code: string;
      /** @example Nepean */
      name: string;
      /** @example Nepean */
      nameFr: string;
      /** @enum {string} */
      province: 'NL' | 'PE' | 'NS' | 'NB' | 'QC' | 'ON' | 'MB' | 'SK' | 'AB' | 'BC' | 'YT' | 'NT' | 'NU';
      /** @enum {string} */
      level: 'federal' | 'provincial';
      /** Format: uuid */
      partyId?: string | null;
      neighbourIds?: string[];
    };
    UpdateOfficeDto: {
      name?: string;
      nameFr?: string;
      /**
       * Format: uuid
       * @description null: no party (e.g. a vacant seat)
       */
      partyId?: string | null;
      neighbourIds?: string[];
    };
    LoginDto: {
      /** @example lead@demo.riding-relay.ca */
      email: string;
      password: string;
    };
    UserDto: {
      /** Format: uuid */
      id: string;
      email: string;
      displayName: string;
      /** @enum {string} */
      role: 'assistant' | 'office_lead' | 'admin';
      languages: string[];
      /** Format: uuid */
      officeId: string | null;
      active: boolean;
      version: number;
      /** Format: date-time */
      createdAt: string;
    };
    SessionDto: {
      accessToken: string;
      refreshToken: string;
      /** @description Access token lifetime in seconds */
      expiresIn: number;
      user: components['schemas']['UserDto'];
    };
    RefreshDto: {
      /** @description Optional when the refresh cookie is sent instead */
      refreshToken?: string;
    };
    AcceptInvitationDto: {
      /** @description The one-time token from POST /offices/:id/members */
      token: string;
      password: string;
    };
    ChangePasswordDto: {
      currentPassword: string;
      newPassword: string;
    };
    UserPageDto: {
      items: components['schemas']['UserDto'][];
      nextCursor: string | null;
    };
    CreateMemberDto: {
      email: string;
      displayName: string;
      /** @enum {string} */
      role: 'assistant' | 'office_lead';
      /**
       * @description ISO 639 codes
       * @example [
       *       "en",
       *       "fr"
       *     ]
       */
      languages?: string[];
    };
    InvitationDto: {
      /** @description Shown once: pass it to the new member, who sets a password with it */
      token: string;
      /** Format: date-time */
      expiresAt: string;
    };
    InvitedMemberDto: {
      /** Format: uuid */
      id: string;
      email: string;
      displayName: string;
      /** @enum {string} */
      role: 'assistant' | 'office_lead' | 'admin';
      languages: string[];
      /** Format: uuid */
      officeId: string | null;
      active: boolean;
      version: number;
      /** Format: date-time */
      createdAt: string;
      invitation: components['schemas']['InvitationDto'];
    };
    UpdateUserDto: {
      displayName?: string;
      /** @enum {string} */
      role?: 'assistant' | 'office_lead';
      active?: boolean;
      /**
       * @example [
       *       "en",
       *       "fr"
       *     ]
       */
      languages?: string[];
    };
    ConstituentDto: {
      fullName: string;
      /** @example 1980-04-30 */
      dateOfBirth?: string;
      email?: string;
      /** @example +1 613 555 0199 */
      phone?: string;
      /**
       * @description IRCC's Unique Client Identifier as IRCC prints it: 0000-0000 or 00-0000-0000, hyphens optional; stored and returned in that printed form
       * @example 00-1234-5678
       */
      uci?: string;
      /** @example E001234567 */
      applicationNumber?: string;
    };
    ConsentDto: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      caseId: string;
      /** @enum {string} */
      scope: 'share_with_offices';
      /** Format: date-time */
      grantedAt: string;
      /** Format: date-time */
      expiresAt: string | null;
      evidence: string;
      /** Format: uuid */
      recordedBy: string;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      revokedAt: string | null;
      /** @description Not revoked, not expired, and its consent form (if any) not deleted */
      active: boolean;
      /**
       * Format: uuid
       * @description The consent_form document, if any
       */
      documentId: string | null;
      /** @description Its consent_form document was deleted: record a new consent */
      evidenceMissing: boolean;
    };
    CaseDto: {
      /** Format: uuid */
      id: string;
      /** @example 35067-26-00042 */
      reference: string;
      /**
       * @description status: the home office's read-only view
       * @enum {string}
       */
      access: 'full' | 'status';
      /** Format: uuid */
      handlingOfficeId: string;
      /** Format: uuid */
      homeOfficeId: string;
      /** @enum {string} */
      category: 'immigration' | 'employment_insurance' | 'pensions' | 'passport' | 'taxation' | 'veterans' | 'other';
      /** @enum {string|null} */
      immigrationType:
        | 'study_permit'
        | 'family_reunification'
        | 'permanent_residence'
        | 'temporary_resident_visa'
        | 'work_permit'
        | 'temporary_resident_permit'
        | 'economic_immigration'
        | 'provincial_programs'
        | 'humanitarian_compassionate'
        | 'international_adoption'
        | 'stay_of_removal'
        | 'asylum'
        | 'private_refugee_sponsorship'
        | 'remedies'
        | 'citizenship'
        | 'other'
        | null;
      /** @enum {string} */
      urgency: 'routine' | 'priority' | 'emergency';
      /** @enum {string} */
      complexity: 'simple' | 'complex';
      /** Format: date-time */
      deadline: string | null;
      /** @enum {string} */
      status: 'open' | 'awaiting_ircc' | 'escalated' | 'resolved' | 'closed';
      /**
       * @description Set while resolved or closed
       * @enum {string|null}
       */
      outcome: 'approved' | 'refused' | 'withdrawn' | 'referred' | 'no_action' | 'other' | null;
      /** @description The office's seat changed hands with this file open: the new team must review it */
      transitionReview: boolean;
      version: number;
      /** Format: date-time */
      updatedAt: string;
      /** Format: uuid */
      assigneeId: string | null;
      /** Format: uuid */
      createdBy: string;
      summary: string;
      languages: string[];
      /** Format: date-time */
      createdAt: string;
      constituent?: components['schemas']['ConstituentDto'];
      consents?: components['schemas']['ConsentDto'][];
      /** @description Other offices may name this file in a trade proposal (set with PATCH) */
      availableForTrade: boolean;
    };
    CaseStatusDto: {
      /** Format: uuid */
      id: string;
      /** @example 35067-26-00042 */
      reference: string;
      /**
       * @description status: the home office's read-only view
       * @enum {string}
       */
      access: 'full' | 'status';
      /** Format: uuid */
      handlingOfficeId: string;
      /** Format: uuid */
      homeOfficeId: string;
      /** @enum {string} */
      category: 'immigration' | 'employment_insurance' | 'pensions' | 'passport' | 'taxation' | 'veterans' | 'other';
      /** @enum {string|null} */
      immigrationType:
        | 'study_permit'
        | 'family_reunification'
        | 'permanent_residence'
        | 'temporary_resident_visa'
        | 'work_permit'
        | 'temporary_resident_permit'
        | 'economic_immigration'
        | 'provincial_programs'
        | 'humanitarian_compassionate'
        | 'international_adoption'
        | 'stay_of_removal'
        | 'asylum'
        | 'private_refugee_sponsorship'
        | 'remedies'
        | 'citizenship'
        | 'other'
        | null;
      /** @enum {string} */
      urgency: 'routine' | 'priority' | 'emergency';
      /** @enum {string} */
      complexity: 'simple' | 'complex';
      /** Format: date-time */
      deadline: string | null;
      /** @enum {string} */
      status: 'open' | 'awaiting_ircc' | 'escalated' | 'resolved' | 'closed';
      /**
       * @description Set while resolved or closed
       * @enum {string|null}
       */
      outcome: 'approved' | 'refused' | 'withdrawn' | 'referred' | 'no_action' | 'other' | null;
      /** @description The office's seat changed hands with this file open: the new team must review it */
      transitionReview: boolean;
      version: number;
      /** Format: date-time */
      updatedAt: string;
    };
    CreateCaseDto: {
      /** @enum {string} */
      category: 'immigration' | 'employment_insurance' | 'pensions' | 'passport' | 'taxation' | 'veterans' | 'other';
      /**
       * @description Only when category is immigration
       * @enum {string}
       */
      immigrationType?:
        | 'study_permit'
        | 'family_reunification'
        | 'permanent_residence'
        | 'temporary_resident_visa'
        | 'work_permit'
        | 'temporary_resident_permit'
        | 'economic_immigration'
        | 'provincial_programs'
        | 'humanitarian_compassionate'
        | 'international_adoption'
        | 'stay_of_removal'
        | 'asylum'
        | 'private_refugee_sponsorship'
        | 'remedies'
        | 'citizenship'
        | 'other';
      /** @description What the file is about. Searchable by the handling office. */
      summary: string;
      /** @enum {string} */
      urgency: 'routine' | 'priority' | 'emergency';
      /** @enum {string} */
      complexity: 'simple' | 'complex';
      /**
       * Format: date-time
       * @description e.g. a removal date
       */
      deadline?: string;
      /**
       * @example [
       *       "en"
       *     ]
       */
      languages?: string[];
      /**
       * Format: uuid
       * @description The constituent's riding; defaults to the caller's office
       */
      homeOfficeId?: string;
      /** Format: uuid */
      assigneeId?: string;
      constituent: components['schemas']['ConstituentDto'];
    };
    CaseSummaryDto: {
      /** Format: uuid */
      id: string;
      /** @example 35067-26-00042 */
      reference: string;
      /**
       * @description status: the home office's read-only view
       * @enum {string}
       */
      access: 'full' | 'status';
      /** Format: uuid */
      handlingOfficeId: string;
      /** Format: uuid */
      homeOfficeId: string;
      /** @enum {string} */
      category: 'immigration' | 'employment_insurance' | 'pensions' | 'passport' | 'taxation' | 'veterans' | 'other';
      /** @enum {string|null} */
      immigrationType:
        | 'study_permit'
        | 'family_reunification'
        | 'permanent_residence'
        | 'temporary_resident_visa'
        | 'work_permit'
        | 'temporary_resident_permit'
        | 'economic_immigration'
        | 'provincial_programs'
        | 'humanitarian_compassionate'
        | 'international_adoption'
        | 'stay_of_removal'
        | 'asylum'
        | 'private_refugee_sponsorship'
        | 'remedies'
        | 'citizenship'
        | 'other'
        | null;
      /** @enum {string} */
      urgency: 'routine' | 'priority' | 'emergency';
      /** @enum {string} */
      complexity: 'simple' | 'complex';
      /** Format: date-time */
      deadline: string | null;
      /** @enum {string} */
      status: 'open' | 'awaiting_ircc' | 'escalated' | 'resolved' | 'closed';
      /**
       * @description Set while resolved or closed
       * @enum {string|null}
       */
      outcome: 'approved' | 'refused' | 'withdrawn' | 'referred' | 'no_action' | 'other' | null;
      /** @description The office's seat changed hands with this file open: the new team must review it */
      transitionReview: boolean;
      version: number;
      /** Format: date-time */
      updatedAt: string;
      /** Format: uuid */
      assigneeId: string | null;
      /** Format: uuid */
      createdBy: string;
      summary: string;
      languages: string[];
      /** Format: date-time */
      createdAt: string;
    };
    CasePageDto: {
      /** @description access=status rows for scope=home */
      items: components['schemas']['CaseSummaryDto'][];
      nextCursor: string | null;
    };
    QueueItemDto: {
      /** Format: uuid */
      id: string;
      /** @example 35067-26-00042 */
      reference: string;
      /**
       * @description status: the home office's read-only view
       * @enum {string}
       */
      access: 'full' | 'status';
      /** Format: uuid */
      handlingOfficeId: string;
      /** Format: uuid */
      homeOfficeId: string;
      /** @enum {string} */
      category: 'immigration' | 'employment_insurance' | 'pensions' | 'passport' | 'taxation' | 'veterans' | 'other';
      /** @enum {string|null} */
      immigrationType:
        | 'study_permit'
        | 'family_reunification'
        | 'permanent_residence'
        | 'temporary_resident_visa'
        | 'work_permit'
        | 'temporary_resident_permit'
        | 'economic_immigration'
        | 'provincial_programs'
        | 'humanitarian_compassionate'
        | 'international_adoption'
        | 'stay_of_removal'
        | 'asylum'
        | 'private_refugee_sponsorship'
        | 'remedies'
        | 'citizenship'
        | 'other'
        | null;
      /** @enum {string} */
      urgency: 'routine' | 'priority' | 'emergency';
      /** @enum {string} */
      complexity: 'simple' | 'complex';
      /** Format: date-time */
      deadline: string | null;
      /** @enum {string} */
      status: 'open' | 'awaiting_ircc' | 'escalated' | 'resolved' | 'closed';
      /**
       * @description Set while resolved or closed
       * @enum {string|null}
       */
      outcome: 'approved' | 'refused' | 'withdrawn' | 'referred' | 'no_action' | 'other' | null;
      /** @description The office's seat changed hands with this file open: the new team must review it */
      transitionReview: boolean;
      version: number;
      /** Format: date-time */
      updatedAt: string;
      /** Format: uuid */
      assigneeId: string | null;
      /** Format: uuid */
      createdBy: string;
      summary: string;
      languages: string[];
      /** Format: date-time */
      createdAt: string;
      /**
       * Format: date-time
       * @description The earliest of: the deadline, the end of the intake window, the earliest open follow-up, the reply due on the latest unanswered IRCC enquiry
       */
      dueAt: string | null;
      /** @enum {string|null} */
      dueReason: 'deadline' | 'intake_window' | 'follow_up' | 'ircc_reply' | null;
      /** @description dueAt has passed */
      overdue: boolean;
    };
    QueuePageDto: {
      /** @description dueAt ascending (nulls last), then emergency first, then oldest */
      items: components['schemas']['QueueItemDto'][];
      nextCursor: string | null;
    };
    ConstituentUpdateDto: {
      fullName?: string;
      dateOfBirth?: string;
      email?: string;
      phone?: string;
      /**
       * @description As in ConstituentDto
       * @example 00-1234-5678
       */
      uci?: string;
      applicationNumber?: string;
    };
    UpdateCaseDto: {
      /** @enum {string} */
      status?: 'open' | 'awaiting_ircc' | 'escalated' | 'resolved' | 'closed';
      /**
       * @description Required when the file moves to resolved or closed
       * @enum {string}
       */
      outcome?: 'approved' | 'refused' | 'withdrawn' | 'referred' | 'no_action' | 'other';
      /** @enum {string} */
      category?: 'immigration' | 'employment_insurance' | 'pensions' | 'passport' | 'taxation' | 'veterans' | 'other';
      /** @enum {string|null} */
      immigrationType?:
        | 'study_permit'
        | 'family_reunification'
        | 'permanent_residence'
        | 'temporary_resident_visa'
        | 'work_permit'
        | 'temporary_resident_permit'
        | 'economic_immigration'
        | 'provincial_programs'
        | 'humanitarian_compassionate'
        | 'international_adoption'
        | 'stay_of_removal'
        | 'asylum'
        | 'private_refugee_sponsorship'
        | 'remedies'
        | 'citizenship'
        | 'other'
        | null;
      summary?: string;
      /** @enum {string} */
      urgency?: 'routine' | 'priority' | 'emergency';
      /** @enum {string} */
      complexity?: 'simple' | 'complex';
      /** Format: date-time */
      deadline?: Record<string, never> | null;
      languages?: string[];
      /** Format: uuid */
      assigneeId?: Record<string, never> | null;
      constituent?: components['schemas']['ConstituentUpdateDto'];
      /** @description Put the file on the table for trades: other offices may then name it in takeCaseIds (they see only its redacted summary once proposed). Cleared when the file changes office. */
      availableForTrade?: boolean;
    };
    CreateNoteDto: {
      body: string;
    };
    NoteDto: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      caseId: string;
      /** Format: uuid */
      authorId: string;
      body: string;
      /** Format: date-time */
      createdAt: string;
    };
    NotePageDto: {
      items: components['schemas']['NoteDto'][];
      nextCursor: string | null;
    };
    CreateConsentDto: {
      /** @enum {string} */
      scope: 'share_with_offices';
      /** Format: date-time */
      grantedAt: string;
      /** Format: date-time */
      expiresAt?: string;
      /** @description Where the signed consent is kept, e.g. "IMM 5476 signed, scanned to file"; required without documentId */
      evidence?: string;
      /**
       * Format: uuid
       * @description A consent_form document of the same file, as the evidence
       */
      documentId?: string;
    };
    ContinueCaseDto: {
      /**
       * @description keep: needs a consent recorded after the transition; refer: closes the file as referred
       * @default keep
       * @enum {string}
       */
      decision: 'keep' | 'refer';
    };
    ChannelDto: {
      /** Format: uuid */
      id: string;
      /** @enum {string} */
      kind: 'party' | 'region' | 'custom';
      name: string;
      /** Format: uuid */
      partyId: string | null;
      /**
       * Format: uuid
       * @description The creating office, whose lead manages the members (null: the party's or the system's)
       */
      ownerOfficeId: string | null;
      memberOfficeIds: string[];
      version: number;
      /** Format: date-time */
      createdAt: string;
    };
    ChannelPageDto: {
      items: components['schemas']['ChannelDto'][];
      nextCursor: string | null;
    };
    CreateChannelDto: {
      /** @example Ottawa-area offices */
      name: string;
      /**
       * @description party channels are made and kept by the server
       * @enum {string}
       */
      kind: 'region' | 'custom';
      /** @description The caller's own office is always added */
      memberOfficeIds: string[];
    };
    AddMemberDto: {
      /** Format: uuid */
      officeId: string;
    };
    PostDto: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      channelId: string;
      /** @enum {string} */
      kind: 'message' | 'alert' | 'handoff';
      /** Format: uuid */
      authorId: string;
      /** Format: uuid */
      officeId: string;
      /** @description null once deleted */
      body: string | null;
      /** Format: uuid */
      replyToId: string | null;
      /** @description A case of the posting office is linked */
      hasCaseLink: boolean;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      editedAt: string | null;
      deleted: boolean;
      /** @description Also the ETag; PATCH and DELETE honour If-Match */
      version: number;
      title?: string;
      /** @enum {string} */
      severity?: 'info' | 'important' | 'urgent';
      categories?: string[];
      immigrationTypes?: string[];
      effectiveDate?: string | null;
      sourceUrl?: string | null;
      /** @description A handoff offer made to the channel, as it stands now */
      handoff?: components['schemas']['HandoffDto'];
      /** @description The linked case's reference, for its own office only */
      caseRef: string | null;
    };
    FeedPageDto: {
      items: components['schemas']['PostDto'][];
      nextCursor: string | null;
    };
    PostMessageDto: {
      /** @description Shared with every member office: never put constituent details here (use caseRef) */
      body: string;
      /**
       * Format: uuid
       * @description Reply to a top-level message of this channel
       */
      replyToId?: string;
      /**
       * @description One of your office's case references; other offices see only that a case is linked
       * @example 35067-26-00042
       */
      caseRef?: string;
    };
    EditMessageDto: {
      body: string;
    };
    PostAlertDto: {
      title: string;
      body: string;
      /** @enum {string} */
      severity: 'info' | 'important' | 'urgent';
      categories?: (
        'immigration' | 'employment_insurance' | 'pensions' | 'passport' | 'taxation' | 'veterans' | 'other'
      )[];
      immigrationTypes?: (
        | 'study_permit'
        | 'family_reunification'
        | 'permanent_residence'
        | 'temporary_resident_visa'
        | 'work_permit'
        | 'temporary_resident_permit'
        | 'economic_immigration'
        | 'provincial_programs'
        | 'humanitarian_compassionate'
        | 'international_adoption'
        | 'stay_of_removal'
        | 'asylum'
        | 'private_refugee_sponsorship'
        | 'remedies'
        | 'citizenship'
        | 'other'
      )[];
      /** @example 2026-12-01 */
      effectiveDate?: string;
      /** @example https://www.canada.ca/en/immigration-refugees-citizenship/news.html */
      sourceUrl?: string;
    };
    AlertDto: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      channelId: string;
      /** @enum {string} */
      kind: 'message' | 'alert' | 'handoff';
      /** Format: uuid */
      authorId: string;
      /** Format: uuid */
      officeId: string;
      /** @description null once deleted */
      body: string | null;
      /** Format: uuid */
      replyToId: string | null;
      /** @description A case of the posting office is linked */
      hasCaseLink: boolean;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      editedAt: string | null;
      deleted: boolean;
      /** @description Also the ETag; PATCH and DELETE honour If-Match */
      version: number;
      title?: string;
      /** @enum {string} */
      severity?: 'info' | 'important' | 'urgent';
      categories?: string[];
      immigrationTypes?: string[];
      effectiveDate?: string | null;
      sourceUrl?: string | null;
      /** @description A handoff offer made to the channel, as it stands now */
      handoff?: components['schemas']['HandoffDto'];
      /** @description The linked case's reference, for its own office only */
      caseRef: string | null;
      /** @description Open files of the caller's office that this alert touches */
      affectedOpenCases: number;
      /** @description The caller has acknowledged it */
      acknowledged: boolean;
    };
    AlertPageDto: {
      items: components['schemas']['AlertDto'][];
      nextCursor: string | null;
    };
    AckDto: {
      /** Format: uuid */
      alertId: string;
      /** Format: uuid */
      userId: string;
      /** Format: uuid */
      officeId: string;
      /** Format: date-time */
      ackedAt: string;
    };
    AckListItemDto: {
      /** Format: uuid */
      userId: string;
      /** Format: uuid */
      officeId: string;
      displayName: string;
      /** Format: date-time */
      ackedAt: string;
    };
    AckPageDto: {
      items: components['schemas']['AckListItemDto'][];
      nextCursor: string | null;
    };
    CreateHandoffDto: {
      /** Format: uuid */
      caseId: string;
      /**
       * Format: uuid
       * @description Offer to one office (exactly one of toOfficeId, channelId)
       */
      toOfficeId?: string;
      /**
       * Format: uuid
       * @description Offer to every member office of a channel
       */
      channelId?: string;
      /** @description Shared with the other office(s): no constituent details */
      note: string;
      /**
       * Format: date-time
       * @description Defaults to OFFER_TTL_HOURS (shorter for emergencies)
       */
      expiresAt?: string;
    };
    RedactedFileDto: {
      category: string;
      immigrationType: string | null;
      urgency: string;
      complexity: string;
      /** Format: date-time */
      deadline: string | null;
      languages: string[];
    };
    HandoffDto: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      caseId: string;
      /** Format: uuid */
      fromOfficeId: string;
      /** Format: uuid */
      toOfficeId: string | null;
      /** Format: uuid */
      channelId: string | null;
      note: string;
      /** @description Never a constituent detail */
      summary: components['schemas']['RedactedFileDto'];
      /** @enum {string} */
      status: 'offered' | 'accepted' | 'declined' | 'withdrawn' | 'expired';
      /** Format: date-time */
      expiresAt: string;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      decidedAt: string | null;
      /** Format: uuid */
      acceptedByOfficeId: string | null;
      reason: string | null;
    };
    HandoffPageDto: {
      items: components['schemas']['HandoffDto'][];
      nextCursor: string | null;
    };
    SuggestionDto: {
      /** Format: uuid */
      officeId: string;
      code: string;
      name: string;
      score: number;
      reasons: string[];
      neighbour: boolean;
      sameParty: boolean;
      /** @description Files of this immigration type resolved in the last two years */
      expertise: number;
      /** @description The file's languages spoken there */
      languages: string[];
      openLoad: number;
    };
    SuggestionsDto: {
      /** Format: uuid */
      caseId: string;
      items: components['schemas']['SuggestionDto'][];
    };
    ReasonDto: {
      reason?: string;
    };
    CreateTradeDto: {
      /** Format: uuid */
      counterpartyOfficeId: string;
      /** @description Your files that go to the counterparty */
      giveCaseIds: string[];
      /** @description The counterparty's files that come to you */
      takeCaseIds: string[];
      /** @description Shared with the other office(s): no constituent details */
      note: string;
      /** Format: date-time */
      expiresAt?: string;
    };
    TradeFileDto: {
      category: string;
      immigrationType: string | null;
      urgency: string;
      complexity: string;
      /** Format: date-time */
      deadline: string | null;
      languages: string[];
      /** Format: uuid */
      caseId: string;
    };
    TradeDto: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      proposerOfficeId: string;
      /** Format: uuid */
      counterpartyOfficeId: string;
      note: string;
      /** @description Files the proposer gives */
      give: components['schemas']['TradeFileDto'][];
      /** @description Files the proposer takes */
      take: components['schemas']['TradeFileDto'][];
      /** @enum {string} */
      status: 'proposed' | 'accepted' | 'declined' | 'withdrawn' | 'expired';
      /** Format: date-time */
      expiresAt: string;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      decidedAt: string | null;
      reason: string | null;
    };
    TradePageDto: {
      items: components['schemas']['TradeDto'][];
      nextCursor: string | null;
    };
    TradeTableDto: {
      /** @description Open files with a live consent; redacted summaries only */
      items: components['schemas']['TradeFileDto'][];
    };
    LedgerLineDto: {
      /** @enum {string} */
      direction: 'given' | 'taken';
      category: string;
      complexity: string;
      files: number;
    };
    LedgerOfficeDto: {
      /** Format: uuid */
      officeId: string;
      given: number;
      taken: number;
      /** @description taken − given */
      balance: number;
      byCategory: components['schemas']['LedgerLineDto'][];
    };
    LedgerDto: {
      /** Format: uuid */
      officeId: string;
      offices: components['schemas']['LedgerOfficeDto'][];
    };
    CaseloadGroupDto: {
      /** @description The category, type, urgency, outcome or "2026-02" */
      key: string | null;
      /** @example Réunification familiale */
      label: string;
      /** @description Files created in the range */
      opened: number;
      /** @description Files resolved or closed in the range */
      closed: number;
      /** @description Files of the group neither resolved nor closed now (by month: opened in that month) */
      open: number;
      /** @description Of the open files, those under transition review */
      underReview: number;
      /** @description Of the files closed in the range */
      medianDaysToClose: number | null;
      /** @description Files closed in the range, by outcome; keys: approved, refused, withdrawn, referred, no_action, other */
      outcomes: {
        [key: string]: number;
      };
    };
    CaseloadReportDto: {
      /** @enum {string} */
      groupBy: 'category' | 'immigrationType' | 'urgency' | 'outcome' | 'month';
      /** Format: date-time */
      from: string;
      /**
       * Format: date-time
       * @description Exclusive
       */
      to: string;
      groups: components['schemas']['CaseloadGroupDto'][];
    };
    ChannelGroupDto: {
      key: string | null;
      label: string;
      opened: number | '<5';
      closed: number | '<5';
      open: number | '<5';
      underReview: number | '<5';
      /** @description Files closed in the range, by outcome; keys: approved, refused, withdrawn, referred, no_action, other */
      outcomes: {
        [key: string]: number | '<5';
      };
    };
    ChannelReportDto: {
      /** @enum {string} */
      groupBy: 'category' | 'immigrationType' | 'urgency' | 'outcome' | 'month';
      /**
       * Format: date-time
       * @description The range grown outward to whole calendar quarters
       */
      from: string;
      /**
       * Format: date-time
       * @description Exclusive
       */
      to: string;
      /** @description Counts only. Fewer than 5 files: "<5". Other counts are sums of per-quarter counts each randomly rounded to a multiple of 5, so overlapping groups or ranges cannot be subtracted to reveal a small one */
      groups: components['schemas']['ChannelGroupDto'][];
    };
    SharePrecedentDto: {
      /**
       * Format: uuid
       * @description One of the caller's office's channels
       */
      channelId: string;
      /** @example Study permit refusal reversed after a new letter of acceptance */
      title: string;
      /** @description What worked. Never the constituent: names, identifiers, contact details and dates of birth are refused */
      lessons: string;
    };
    PrecedentDto: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      channelId: string;
      /** Format: uuid */
      officeId: string;
      /** @enum {string} */
      category: 'immigration' | 'employment_insurance' | 'pensions' | 'passport' | 'taxation' | 'veterans' | 'other';
      /** @enum {string|null} */
      immigrationType:
        | 'study_permit'
        | 'family_reunification'
        | 'permanent_residence'
        | 'temporary_resident_visa'
        | 'work_permit'
        | 'temporary_resident_permit'
        | 'economic_immigration'
        | 'provincial_programs'
        | 'humanitarian_compassionate'
        | 'international_adoption'
        | 'stay_of_removal'
        | 'asylum'
        | 'private_refugee_sponsorship'
        | 'remedies'
        | 'citizenship'
        | 'other'
        | null;
      /** @enum {string} */
      outcome: 'approved' | 'refused' | 'withdrawn' | 'referred' | 'no_action' | 'other';
      /** @description Whole days from opening to closing */
      daysOpen: number;
      title: string;
      lessons: string;
      /** Format: date-time */
      createdAt: string;
    };
    PrecedentPageDto: {
      items: components['schemas']['PrecedentDto'][];
      nextCursor: string | null;
    };
    CreateTransitionDto: {
      /**
       * Format: date-time
       * @description When the seat changes hands (e.g. the day the new MP is sworn in)
       */
      effectiveAt: string;
      /**
       * Format: uuid
       * @description The new MP's party (the office joins its channel); null: no party; absent: the party stays
       */
      partyId?: string | null;
    };
    TransitionDto: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      officeId: string;
      /** Format: date-time */
      effectiveAt: string;
      /** @description Whether the office moves to partyId */
      changesParty: boolean;
      /** Format: uuid */
      partyId: string | null;
      /**
       * Format: uuid
       * @description The party it left, once applied
       */
      fromPartyId: string | null;
      /** @enum {string} */
      status: 'scheduled' | 'applied';
      /** Format: date-time */
      appliedAt: string | null;
      deactivatedAccounts: number | null;
      filesUnderReview: number | null;
      /** Format: uuid */
      createdBy: string;
      /** Format: date-time */
      createdAt: string;
    };
    TransitionPageDto: {
      items: components['schemas']['TransitionDto'][];
      nextCursor: string | null;
    };
    UploadDocumentDto: {
      /**
       * Format: binary
       * @description PDF, JPEG, PNG, HEIC, DOCX or plain text
       */
      file: string;
      /** @enum {string} */
      kind: 'consent_form' | 'ircc_letter' | 'identity' | 'evidence' | 'correspondence' | 'other';
      title?: string;
    };
    DocumentDto: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      caseId: string;
      /** @enum {string} */
      kind: 'consent_form' | 'ircc_letter' | 'identity' | 'evidence' | 'correspondence' | 'other';
      title: string | null;
      /** @description Sanitised: no directories, no control characters */
      filename: string;
      /**
       * @description Sniffed from the bytes
       * @enum {string}
       */
      mediaType:
        | 'application/pdf'
        | 'image/jpeg'
        | 'image/png'
        | 'image/heic'
        | 'image/heif'
        | 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
        | 'text/plain';
      bytes: number;
      /** @description SHA-256 of the bytes, hex; also the ETag of its content */
      sha256: string;
      /** Format: uuid */
      uploadedBy: string;
      /** Format: date-time */
      uploadedAt: string;
      /** @description A tombstone: the bytes are gone, the row stays */
      deleted: boolean;
      /** Format: date-time */
      deletedAt: string | null;
      /** Format: uuid */
      deletedBy: string | null;
      deletedReason: string | null;
    };
    DocumentPageDto: {
      items: components['schemas']['DocumentDto'][];
      nextCursor: string | null;
    };
    CreateLetterDto: {
      /** Format: uuid */
      templateId: string;
    };
    LetterTemplateDto: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      officeId: string;
      name: string;
      /** @enum {string} */
      language: 'en' | 'fr';
      /** @enum {string} */
      kind: 'support_letter' | 'ircc_enquiry' | 'constituent_update' | 'other';
      body: string;
      version: number;
      /** Format: uuid */
      createdBy: string | null;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
    };
    LetterTemplatePageDto: {
      items: components['schemas']['LetterTemplateDto'][];
      nextCursor: string | null;
    };
    CreateLetterTemplateDto: {
      name: string;
      /** @enum {string} */
      language: 'en' | 'fr';
      /** @enum {string} */
      kind: 'support_letter' | 'ircc_enquiry' | 'constituent_update' | 'other';
      /** @description Mustache, logic-less: only {{constituent.fullName}}, {{constituent.uci}}, {{constituent.applicationNumber}}, {{case.reference}}, {{office.name}}, {{office.nameFr}}, {{mp.name}} and {{today}} */
      body: string;
    };
    CreateFollowUpDto: {
      /**
       * Format: date-time
       * @description From a week ago to five years ahead
       */
      dueAt: string;
      /** @description Constituent data: stays in the handling office */
      note: string;
      /**
       * Format: uuid
       * @description A member of the handling office; default the caller
       */
      assigneeId?: string;
    };
    FollowUpDto: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      caseId: string;
      /** Format: date-time */
      dueAt: string;
      note: string;
      /** Format: uuid */
      assigneeId: string | null;
      /** Format: date-time */
      doneAt: string | null;
      /** Format: uuid */
      doneBy: string | null;
      /** Format: uuid */
      createdBy: string;
      /** Format: date-time */
      createdAt: string;
    };
    FollowUpPageDto: {
      items: components['schemas']['FollowUpDto'][];
      nextCursor: string | null;
    };
    OfficeFollowUpDto: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      caseId: string;
      /** Format: date-time */
      dueAt: string;
      note: string;
      /** Format: uuid */
      assigneeId: string | null;
      /** Format: date-time */
      doneAt: string | null;
      /** Format: uuid */
      doneBy: string | null;
      /** Format: uuid */
      createdBy: string;
      /** Format: date-time */
      createdAt: string;
      /** @description The file's reference */
      caseReference: string;
      /** @description The same as caseReference */
      reference: string;
    };
    OfficeFollowUpPageDto: {
      items: components['schemas']['OfficeFollowUpDto'][];
      nextCursor: string | null;
    };
    CreateInteractionDto: {
      /** @enum {string} */
      kind: 'call' | 'email' | 'visit' | 'letter' | 'ircc_enquiry' | 'ircc_reply' | 'mcmps_appointment';
      /** @enum {string} */
      direction: 'inbound' | 'outbound';
      /**
       * Format: date-time
       * @description Not in the future, except a booked mcmps_appointment (up to a year ahead); not before 2000
       */
      occurredAt: string;
      /** @description Minutes, 1-1440; an mcmps_appointment needs one of 15, 30, 45, 60 */
      durationMinutes?: number;
      /** @description Constituent data: stays in the handling office */
      summary: string;
      /**
       * @description IRCC's reference of an enquiry and its reply
       * @example MCMPS-2026-0042
       */
      irccReference?: string;
      /**
       * Format: date-time
       * @description ircc_enquiry only: when the reply is due; default IRCC's service standard
       */
      replyDueAt?: string;
    };
    InteractionDto: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      caseId: string;
      /** @enum {string} */
      kind: 'call' | 'email' | 'visit' | 'letter' | 'ircc_enquiry' | 'ircc_reply' | 'mcmps_appointment';
      /** @enum {string} */
      direction: 'inbound' | 'outbound';
      /** Format: date-time */
      occurredAt: string;
      durationMinutes: number | null;
      summary: string;
      irccReference: string | null;
      /**
       * Format: date-time
       * @description ircc_enquiry only
       */
      replyDueAt: string | null;
      /**
       * Format: date-time
       * @description ircc_enquiry: when its reply came
       */
      answeredAt: string | null;
      /**
       * Format: uuid
       * @description ircc_enquiry: the reply
       */
      answeredById: string | null;
      /** @description An unanswered ircc_enquiry past its replyDueAt */
      overdue: boolean;
      /** Format: uuid */
      createdBy: string;
      /** Format: date-time */
      createdAt: string;
      /** @description In the office log only */
      caseReference?: string;
    };
    InteractionPageDto: {
      items: components['schemas']['InteractionDto'][];
      nextCursor: string | null;
    };
    OpenEnquiryDto: {
      /** Format: uuid */
      interactionId: string;
      /** Format: uuid */
      caseId: string;
      caseReference: string;
      /** Format: date-time */
      sentAt: string;
      /** Format: date-time */
      replyDueAt: string;
      overdue: boolean;
    };
    LiaisonDto: {
      /** @description Soonest reply due first (at most 500) */
      openEnquiries: components['schemas']['OpenEnquiryDto'][];
      /** @description MCMPS appointment minutes logged by the office this week (Monday to Sunday, Ottawa) */
      mcmpsMinutesThisWeek: number;
      /** @description The same over this week and the three before */
      mcmpsMinutesLast4Weeks: number;
    };
    ChecklistItemTextView: {
      text: string;
    };
    TemplateDto: {
      /** Format: uuid */
      id: string;
      /** Format: uuid */
      officeId: string;
      /** @description The caller's office's own template */
      own: boolean;
      name: string;
      /** @enum {string} */
      category: 'immigration' | 'employment_insurance' | 'pensions' | 'passport' | 'taxation' | 'veterans' | 'other';
      /** @enum {string|null} */
      immigrationType:
        | 'study_permit'
        | 'family_reunification'
        | 'permanent_residence'
        | 'temporary_resident_visa'
        | 'work_permit'
        | 'temporary_resident_permit'
        | 'economic_immigration'
        | 'provincial_programs'
        | 'humanitarian_compassionate'
        | 'international_adoption'
        | 'stay_of_removal'
        | 'asylum'
        | 'private_refugee_sponsorship'
        | 'remedies'
        | 'citizenship'
        | 'other'
        | null;
      items: components['schemas']['ChecklistItemTextView'][];
      /** @description Another office sees only the channels it is in */
      sharedWithChannelIds: string[];
      version: number;
      /** Format: uuid */
      createdBy: string;
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
    };
    TemplatePageDto: {
      items: components['schemas']['TemplateDto'][];
      nextCursor: string | null;
    };
    ChecklistItemTextDto: {
      text: string;
    };
    CreateTemplateDto: {
      name: string;
      /** @enum {string} */
      category: 'immigration' | 'employment_insurance' | 'pensions' | 'passport' | 'taxation' | 'veterans' | 'other';
      /**
       * @description Only for immigration; none matches every type
       * @enum {string}
       */
      immigrationType?:
        | 'study_permit'
        | 'family_reunification'
        | 'permanent_residence'
        | 'temporary_resident_visa'
        | 'work_permit'
        | 'temporary_resident_permit'
        | 'economic_immigration'
        | 'provincial_programs'
        | 'humanitarian_compassionate'
        | 'international_adoption'
        | 'stay_of_removal'
        | 'asylum'
        | 'private_refugee_sponsorship'
        | 'remedies'
        | 'citizenship'
        | 'other';
      items: components['schemas']['ChecklistItemTextDto'][];
      /** @description Channels of the caller's office */
      sharedWithChannelIds?: string[];
    };
    UpdateTemplateDto: {
      name?: string;
      /** @enum {string} */
      category?: 'immigration' | 'employment_insurance' | 'pensions' | 'passport' | 'taxation' | 'veterans' | 'other';
      /** @enum {string|null} */
      immigrationType?:
        | 'study_permit'
        | 'family_reunification'
        | 'permanent_residence'
        | 'temporary_resident_visa'
        | 'work_permit'
        | 'temporary_resident_permit'
        | 'economic_immigration'
        | 'provincial_programs'
        | 'humanitarian_compassionate'
        | 'international_adoption'
        | 'stay_of_removal'
        | 'asylum'
        | 'private_refugee_sponsorship'
        | 'remedies'
        | 'citizenship'
        | 'other'
        | null;
      items?: components['schemas']['ChecklistItemTextDto'][];
      sharedWithChannelIds?: string[];
    };
    ChecklistItemDto: {
      /** Format: uuid */
      id: string;
      text: string;
      /** Format: date-time */
      doneAt: string | null;
      /** Format: uuid */
      doneBy: string | null;
      note: string | null;
    };
    ChecklistDto: {
      /** Format: uuid */
      caseId: string;
      /**
       * Format: uuid
       * @description The template it was copied from
       */
      templateId: string | null;
      items: components['schemas']['ChecklistItemDto'][];
    };
    UpdateChecklistItemDto: {
      done: boolean;
      /** @description Constituent data; null clears it */
      note?: Record<string, never> | null;
    };
    ProblemFieldDto: {
      /** @example email */
      field: string;
      /** @example must be an email */
      message: string;
    };
    ProblemDto: {
      /** @example https://riding-relay.ca/problems/not-found */
      type: string;
      /** @example Not Found */
      title: string;
      /** @example 404 */
      status: number;
      detail: string;
      /**
       * @description Stable machine code
       * @example not_found
       */
      code: string;
      /** @description The fields at fault (400) */
      errors?: components['schemas']['ProblemFieldDto'][];
    };
  };
  responses: {
    /** @description validation_failed (fields in `errors`), malformed_json */
    Problem400: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['ProblemDto'];
      };
    };
    /** @description unauthenticated: no valid access token */
    Problem401: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['ProblemDto'];
      };
    };
    /** @description forbidden: not allowed for this user or office */
    Problem403: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['ProblemDto'];
      };
    };
    /** @description not_found (also what another office sees of what it may not read) */
    Problem404: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['ProblemDto'];
      };
    };
    /** @description The current state does not allow it; `code` says why (e.g. conflict, idempotency_in_progress) */
    Problem409: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['ProblemDto'];
      };
    };
    /** @description version_mismatch: If-Match names an older version */
    Problem412: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['ProblemDto'];
      };
    };
    /** @description payload_too_large */
    Problem413: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['ProblemDto'];
      };
    };
    /** @description unsupported_media_type */
    Problem415: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['ProblemDto'];
      };
    };
    /** @description range_not_satisfiable */
    Problem416: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['ProblemDto'];
      };
    };
    /** @description idempotency_key_reused with another body */
    Problem422: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['ProblemDto'];
      };
    };
    /** @description rate_limited (Retry-After says when to try again) */
    Problem429: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['ProblemDto'];
      };
    };
    /** @description office_required: the caller belongs to no office (an admin), and this works on an office's data */
    Problem403Office: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['ProblemDto'];
      };
    };
    /** @description forbidden: not allowed for this user or office; or office_required: the caller belongs to no office (an admin), and this works on an office's data */
    Problem403OrOffice: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['ProblemDto'];
      };
    };
  };
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  HealthController_live: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  HealthController_ready: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The Health Check is successful */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /**
             * @example ok
             * @enum {string}
             */
            status?: 'ok' | 'degraded';
            /**
             * @example {
             *       "database": {
             *         "status": "up",
             *         "responseTime": 12
             *       }
             *     }
             */
            info?: {
              [key: string]: {
                /** @enum {string} */
                status: 'up' | 'degraded' | 'down';
                /** @description Time the health indicator took to respond, in ms */
                responseTime?: number;
              } & {
                [key: string]: unknown;
              };
            } | null;
            /** @example {} */
            error?: {
              [key: string]: {
                /** @enum {string} */
                status: 'up' | 'degraded' | 'down';
                /** @description Time the health indicator took to respond, in ms */
                responseTime?: number;
              } & {
                [key: string]: unknown;
              };
            } | null;
            /**
             * @example {
             *       "database": {
             *         "status": "up",
             *         "responseTime": 12
             *       }
             *     }
             */
            details?: {
              [key: string]: {
                /** @enum {string} */
                status: 'up' | 'degraded' | 'down';
                /** @description Time the health indicator took to respond, in ms */
                responseTime?: number;
              } & {
                [key: string]: unknown;
              };
            };
          };
        };
      };
      /** @description The Health Check is not successful */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /**
             * @example error
             * @enum {string}
             */
            status?: 'error' | 'shutting_down';
            /**
             * @example {
             *       "database": {
             *         "status": "up",
             *         "responseTime": 12
             *       }
             *     }
             */
            info?: {
              [key: string]: {
                /** @enum {string} */
                status: 'up' | 'degraded' | 'down';
                /** @description Time the health indicator took to respond, in ms */
                responseTime?: number;
              } & {
                [key: string]: unknown;
              };
            } | null;
            /**
             * @example {
             *       "redis": {
             *         "status": "down",
             *         "message": "Could not connect",
             *         "responseTime": 3005
             *       }
             *     }
             */
            error?: {
              [key: string]: {
                /** @enum {string} */
                status: 'up' | 'degraded' | 'down';
                /** @description Time the health indicator took to respond, in ms */
                responseTime?: number;
              } & {
                [key: string]: unknown;
              };
            } | null;
            /**
             * @example {
             *       "database": {
             *         "status": "up",
             *         "responseTime": 12
             *       },
             *       "redis": {
             *         "status": "down",
             *         "message": "Could not connect",
             *         "responseTime": 3005
             *       }
             *     }
             */
            details?: {
              [key: string]: {
                /** @enum {string} */
                status: 'up' | 'degraded' | 'down';
                /** @description Time the health indicator took to respond, in ms */
                responseTime?: number;
              } & {
                [key: string]: unknown;
              };
            };
          };
        };
      };
    };
  };
  MetricsController_scrape: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Prometheus exposition format */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      429: components['responses']['Problem429'];
    };
  };
  AuditController_list: {
    parameters: {
      query?: {
        /** @description Opaque cursor from a previous page */
        after?: string;
        limit?: number;
        caseId?: string;
        actorId?: string;
        action?: string;
        from?: string;
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditPageDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      429: components['responses']['Problem429'];
    };
  };
  AuditController_verify: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditVerificationDto'];
        };
      };
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      /** @description audit_verify_running: another node is verifying */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['ProblemDto'];
        };
      };
      429: components['responses']['Problem429'];
    };
  };
  AuditController_export: {
    parameters: {
      query?: {
        /** @description Opaque cursor from a previous page */
        after?: string;
        limit?: number;
        caseId?: string;
        actorId?: string;
        action?: string;
        from?: string;
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One audit event per line (NDJSON), oldest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      429: components['responses']['Problem429'];
    };
  };
  DirectoryController_listParties: {
    parameters: {
      query?: {
        /** @description Opaque cursor from a previous page */
        after?: string;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PartyPageDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      429: components['responses']['Problem429'];
    };
  };
  DirectoryController_createParty: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes a retry safe: the same key and body within 24 h answers the first response again */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreatePartyDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PartyDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      409: components['responses']['Problem409'];
      415: components['responses']['Problem415'];
      422: components['responses']['Problem422'];
      429: components['responses']['Problem429'];
    };
  };
  DirectoryController_listOffices: {
    parameters: {
      query?: {
        /** @description Opaque cursor from a previous page */
        after?: string;
        limit?: number;
        province?: 'NL' | 'PE' | 'NS' | 'NB' | 'QC' | 'ON' | 'MB' | 'SK' | 'AB' | 'BC' | 'YT' | 'NT' | 'NU';
        partyId?: string;
        /** @description Matches the code or the English or French name */
        q?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OfficePageDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      429: components['responses']['Problem429'];
    };
  };
  DirectoryController_createOffice: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes a retry safe: the same key and body within 24 h answers the first response again */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateOfficeDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OfficeDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      409: components['responses']['Problem409'];
      415: components['responses']['Problem415'];
      422: components['responses']['Problem422'];
      429: components['responses']['Problem429'];
    };
  };
  DirectoryController_getOffice: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OfficeDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      404: components['responses']['Problem404'];
      429: components['responses']['Problem429'];
    };
  };
  DirectoryController_updateOffice: {
    parameters: {
      query?: never;
      header?: {
        /** @description ETag from a previous read */
        'If-Match'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateOfficeDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OfficeDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      404: components['responses']['Problem404'];
      412: components['responses']['Problem412'];
      415: components['responses']['Problem415'];
      429: components['responses']['Problem429'];
    };
  };
  AuthController_login: {
    parameters: {
      query?: never;
      header?: {
        /** @description `cookie`: the refresh token travels in an HttpOnly cookie scoped to /api/v1/auth/refresh, not in the body */
        'x-refresh-transport'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['LoginDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SessionDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      415: components['responses']['Problem415'];
      429: components['responses']['Problem429'];
    };
  };
  AuthController_refresh: {
    parameters: {
      query?: never;
      header?: {
        /** @description `cookie`: the refresh token travels in an HttpOnly cookie scoped to /api/v1/auth/refresh, not in the body */
        'x-refresh-transport'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RefreshDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SessionDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      415: components['responses']['Problem415'];
      429: components['responses']['Problem429'];
    };
  };
  AuthController_acceptInvitation: {
    parameters: {
      query?: never;
      header?: {
        /** @description `cookie`: the refresh token travels in an HttpOnly cookie scoped to /api/v1/auth/refresh, not in the body */
        'x-refresh-transport'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AcceptInvitationDto'];
      };
    };
    responses: {
      /** @description Signed in, as after POST /auth/login */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SessionDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      415: components['responses']['Problem415'];
      429: components['responses']['Problem429'];
    };
  };
  AuthController_changePassword: {
    parameters: {
      query?: never;
      header?: {
        /** @description `cookie`: the refresh token travels in an HttpOnly cookie scoped to /api/v1/auth/refresh, not in the body */
        'x-refresh-transport'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ChangePasswordDto'];
      };
    };
    responses: {
      /** @description Changed; every other session of the user's ends */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      415: components['responses']['Problem415'];
      429: components['responses']['Problem429'];
    };
  };
  AuthController_logout: {
    parameters: {
      query?: never;
      header?: {
        /** @description `cookie`: the refresh token travels in an HttpOnly cookie scoped to /api/v1/auth/refresh, not in the body */
        'x-refresh-transport'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      429: components['responses']['Problem429'];
    };
  };
  UsersController_me: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserDto'];
        };
      };
      401: components['responses']['Problem401'];
      429: components['responses']['Problem429'];
    };
  };
  UsersController_listMembers: {
    parameters: {
      query?: {
        /** @description Opaque cursor from a previous page */
        after?: string;
        limit?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserPageDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      404: components['responses']['Problem404'];
      429: components['responses']['Problem429'];
    };
  };
  UsersController_addMember: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes a retry safe: the same key and body within 24 h answers the first response again */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateMemberDto'];
      };
    };
    responses: {
      /** @description The invitation token is shown once, here */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InvitedMemberDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      404: components['responses']['Problem404'];
      409: components['responses']['Problem409'];
      415: components['responses']['Problem415'];
      422: components['responses']['Problem422'];
      429: components['responses']['Problem429'];
    };
  };
  UsersController_update: {
    parameters: {
      query?: never;
      header?: {
        'If-Match'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateUserDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      404: components['responses']['Problem404'];
      412: components['responses']['Problem412'];
      415: components['responses']['Problem415'];
      429: components['responses']['Problem429'];
    };
  };
  CasesController_list: {
    parameters: {
      query?: {
        /** @description Opaque cursor from a previous page */
        after?: string;
        limit?: number;
        status?: 'open' | 'awaiting_ircc' | 'escalated' | 'resolved' | 'closed';
        category?: 'immigration' | 'employment_insurance' | 'pensions' | 'passport' | 'taxation' | 'veterans' | 'other';
        immigrationType?:
          | 'study_permit'
          | 'family_reunification'
          | 'permanent_residence'
          | 'temporary_resident_visa'
          | 'work_permit'
          | 'temporary_resident_permit'
          | 'economic_immigration'
          | 'provincial_programs'
          | 'humanitarian_compassionate'
          | 'international_adoption'
          | 'stay_of_removal'
          | 'asylum'
          | 'private_refugee_sponsorship'
          | 'remedies'
          | 'citizenship'
          | 'other';
        urgency?: 'routine' | 'priority' | 'emergency';
        assigneeId?: string;
        /** @description Full-text search over summary and notes (your office only) */
        q?: string;
        /** @description handling: files your office works on; home: files of your riding handled elsewhere */
        scope?: 'handling' | 'home';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CasePageDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      429: components['responses']['Problem429'];
    };
  };
  CasesController_create: {
    parameters: {
      query?: never;
      header?: {
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateCaseDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CaseDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      409: components['responses']['Problem409'];
      415: components['responses']['Problem415'];
      422: components['responses']['Problem422'];
      429: components['responses']['Problem429'];
    };
  };
  CasesController_queue: {
    parameters: {
      query?: {
        /** @description Opaque cursor from a previous page */
        after?: string;
        limit?: number;
        urgency?: 'routine' | 'priority' | 'emergency';
        assigneeId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The office's open files, what must be done first first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['QueuePageDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      429: components['responses']['Problem429'];
    };
  };
  CasesController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The whole file (handling office) or its status view (home office) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CaseDto'] | components['schemas']['CaseStatusDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403Office'];
      404: components['responses']['Problem404'];
      429: components['responses']['Problem429'];
    };
  };
  CasesController_update: {
    parameters: {
      query?: never;
      header?: {
        /** @description ETag from a previous read; 412 when stale */
        'If-Match'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateCaseDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CaseDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      404: components['responses']['Problem404'];
      409: components['responses']['Problem409'];
      412: components['responses']['Problem412'];
      415: components['responses']['Problem415'];
      429: components['responses']['Problem429'];
    };
  };
  CasesController_listNotes: {
    parameters: {
      query?: {
        /** @description Opaque cursor from a previous page */
        after?: string;
        limit?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['NotePageDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      404: components['responses']['Problem404'];
      429: components['responses']['Problem429'];
    };
  };
  CasesController_addNote: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes a retry safe: the same key and body within 24 h answers the first response again */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateNoteDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['NoteDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      404: components['responses']['Problem404'];
      409: components['responses']['Problem409'];
      415: components['responses']['Problem415'];
      422: components['responses']['Problem422'];
      429: components['responses']['Problem429'];
    };
  };
  CasesController_addConsent: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes a retry safe: the same key and body within 24 h answers the first response again */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateConsentDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConsentDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      404: components['responses']['Problem404'];
      409: components['responses']['Problem409'];
      415: components['responses']['Problem415'];
      422: components['responses']['Problem422'];
      429: components['responses']['Problem429'];
    };
  };
  CasesController_revokeConsent: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        consentId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Revoked (kept in the file and the audit trail) */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      404: components['responses']['Problem404'];
      429: components['responses']['Problem429'];
    };
  };
  CasesController_continueAfterTransition: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ContinueCaseDto'];
      };
    };
    responses: {
      /** @description A file under transition review: keep it (409 consent_missing without a consent recorded after the transition) or refer it (closed, outcome referred) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CaseDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      404: components['responses']['Problem404'];
      409: components['responses']['Problem409'];
      415: components['responses']['Problem415'];
      429: components['responses']['Problem429'];
    };
  };
  CasesController_history: {
    parameters: {
      query?: {
        /** @description Opaque cursor from a previous page */
        after?: string;
        limit?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The file's audit events, oldest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditPageDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      404: components['responses']['Problem404'];
      429: components['responses']['Problem429'];
    };
  };
  ChannelsController_list: {
    parameters: {
      query?: {
        /** @description Opaque cursor from a previous page */
        after?: string;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The channels the caller's office belongs to */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ChannelPageDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403Office'];
      429: components['responses']['Problem429'];
    };
  };
  ChannelsController_create: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes a retry safe: the same key and body within 24 h answers the first response again */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateChannelDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ChannelDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      409: components['responses']['Problem409'];
      415: components['responses']['Problem415'];
      422: components['responses']['Problem422'];
      429: components['responses']['Problem429'];
    };
  };
  ChannelsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ChannelDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403Office'];
      404: components['responses']['Problem404'];
      429: components['responses']['Problem429'];
    };
  };
  ChannelsController_addMember: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AddMemberDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ChannelDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      404: components['responses']['Problem404'];
      409: components['responses']['Problem409'];
      415: components['responses']['Problem415'];
      429: components['responses']['Problem429'];
    };
  };
  ChannelsController_removeMember: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        officeId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      404: components['responses']['Problem404'];
      409: components['responses']['Problem409'];
      429: components['responses']['Problem429'];
    };
  };
  ChannelsController_feed: {
    parameters: {
      query?: {
        /** @description Opaque cursor from a previous page */
        after?: string;
        limit?: number;
        /** @description The newest `limit` posts (still oldest first) instead of the oldest; what a feed on screen shows */
        latest?: boolean;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Messages and alerts, oldest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FeedPageDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403Office'];
      404: components['responses']['Problem404'];
      429: components['responses']['Problem429'];
    };
  };
  ChannelsController_postMessage: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes a retry safe: the same key and body within 24 h answers the first response again */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PostMessageDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PostDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403Office'];
      404: components['responses']['Problem404'];
      409: components['responses']['Problem409'];
      415: components['responses']['Problem415'];
      422: components['responses']['Problem422'];
      429: components['responses']['Problem429'];
    };
  };
  ChannelsController_deleteMessage: {
    parameters: {
      query?: never;
      header?: {
        'If-Match'?: string;
      };
      path: {
        id: string;
        messageId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      404: components['responses']['Problem404'];
      412: components['responses']['Problem412'];
      429: components['responses']['Problem429'];
    };
  };
  ChannelsController_editMessage: {
    parameters: {
      query?: never;
      header?: {
        /** @description ETag from a previous read; 412 when stale */
        'If-Match'?: string;
      };
      path: {
        id: string;
        messageId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['EditMessageDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PostDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      404: components['responses']['Problem404'];
      412: components['responses']['Problem412'];
      415: components['responses']['Problem415'];
      429: components['responses']['Problem429'];
    };
  };
  ChannelsController_postAlert: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes a retry safe: the same key and body within 24 h answers the first response again */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PostAlertDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PostDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403Office'];
      404: components['responses']['Problem404'];
      409: components['responses']['Problem409'];
      415: components['responses']['Problem415'];
      422: components['responses']['Problem422'];
      429: components['responses']['Problem429'];
    };
  };
  AlertsController_list: {
    parameters: {
      query?: {
        /** @description Opaque cursor from a previous page */
        after?: string;
        limit?: number;
        /** @description Only alerts you have not acknowledged */
        unacknowledged?: boolean;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Alerts of the caller's channels, newest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AlertPageDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403Office'];
      429: components['responses']['Problem429'];
    };
  };
  AlertsController_acknowledge: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AckDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403Office'];
      404: components['responses']['Problem404'];
      429: components['responses']['Problem429'];
    };
  };
  AlertsController_acks: {
    parameters: {
      query?: {
        /** @description Opaque cursor from a previous page */
        after?: string;
        limit?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AckPageDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403Office'];
      404: components['responses']['Problem404'];
      429: components['responses']['Problem429'];
    };
  };
  HandoffsController_list: {
    parameters: {
      query?: {
        /** @description Opaque cursor from a previous page */
        after?: string;
        limit?: number;
        direction?: 'incoming' | 'outgoing';
        status?: 'offered' | 'accepted' | 'declined' | 'withdrawn' | 'expired';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HandoffPageDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403Office'];
      429: components['responses']['Problem429'];
    };
  };
  HandoffsController_offer: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes a retry safe: the same key and body within 24 h answers the first response again */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateHandoffDto'];
      };
    };
    responses: {
      /** @description The offer shows a redacted summary only */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HandoffDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      404: components['responses']['Problem404'];
      409: components['responses']['Problem409'];
      415: components['responses']['Problem415'];
      422: components['responses']['Problem422'];
      429: components['responses']['Problem429'];
    };
  };
  HandoffsController_suggest: {
    parameters: {
      query: {
        caseId: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SuggestionsDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      404: components['responses']['Problem404'];
      429: components['responses']['Problem429'];
    };
  };
  HandoffsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HandoffDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403Office'];
      404: components['responses']['Problem404'];
      429: components['responses']['Problem429'];
    };
  };
  HandoffsController_accept: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The file is now yours; concurrent accepts: one wins, the rest 409 */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HandoffDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      404: components['responses']['Problem404'];
      409: components['responses']['Problem409'];
      429: components['responses']['Problem429'];
    };
  };
  HandoffsController_decline: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ReasonDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HandoffDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      404: components['responses']['Problem404'];
      409: components['responses']['Problem409'];
      415: components['responses']['Problem415'];
      429: components['responses']['Problem429'];
    };
  };
  HandoffsController_withdraw: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ReasonDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HandoffDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      404: components['responses']['Problem404'];
      409: components['responses']['Problem409'];
      415: components['responses']['Problem415'];
      429: components['responses']['Problem429'];
    };
  };
  TradesController_list: {
    parameters: {
      query?: {
        /** @description Opaque cursor from a previous page */
        after?: string;
        limit?: number;
        direction?: 'incoming' | 'outgoing';
        status?: 'proposed' | 'accepted' | 'declined' | 'withdrawn' | 'expired';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TradePageDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403Office'];
      429: components['responses']['Problem429'];
    };
  };
  TradesController_propose: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes a retry safe: the same key and body within 24 h answers the first response again */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateTradeDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TradeDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      404: components['responses']['Problem404'];
      409: components['responses']['Problem409'];
      415: components['responses']['Problem415'];
      422: components['responses']['Problem422'];
      429: components['responses']['Problem429'];
    };
  };
  TradesController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TradeDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403Office'];
      404: components['responses']['Problem404'];
      429: components['responses']['Problem429'];
    };
  };
  TradesController_accept: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Every file swaps in one transaction, or none (409 naming the file) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TradeDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      404: components['responses']['Problem404'];
      409: components['responses']['Problem409'];
      429: components['responses']['Problem429'];
    };
  };
  TradesController_decline: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ReasonDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TradeDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      404: components['responses']['Problem404'];
      409: components['responses']['Problem409'];
      415: components['responses']['Problem415'];
      429: components['responses']['Problem429'];
    };
  };
  TradesController_withdraw: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ReasonDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TradeDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      404: components['responses']['Problem404'];
      409: components['responses']['Problem409'];
      415: components['responses']['Problem415'];
      429: components['responses']['Problem429'];
    };
  };
  TradesController_table: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The files this office has put on the table for trades */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TradeTableDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      404: components['responses']['Problem404'];
      429: components['responses']['Problem429'];
    };
  };
  TradesController_ledger: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LedgerDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      404: components['responses']['Problem404'];
      429: components['responses']['Problem429'];
    };
  };
  ReportsController_caseload: {
    parameters: {
      query?: {
        /** @description Inclusive; a date or a date-time (UTC). Default: the first day of the month 11 months before `to` */
        from?: string;
        /** @description Exclusive date-time, or a date meaning to the end of that day (UTC). Default: now */
        to?: string;
        groupBy?: 'category' | 'immigrationType' | 'urgency' | 'outcome' | 'month';
        /** @description Language of the group labels */
        lang?: 'en' | 'fr';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The caller's office's caseload, grouped */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CaseloadReportDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      429: components['responses']['Problem429'];
    };
  };
  ReportsController_caseloadCsv: {
    parameters: {
      query?: {
        /** @description Inclusive; a date or a date-time (UTC). Default: the first day of the month 11 months before `to` */
        from?: string;
        /** @description Exclusive date-time, or a date meaning to the end of that day (UTC). Default: now */
        to?: string;
        groupBy?: 'category' | 'immigrationType' | 'urgency' | 'outcome' | 'month';
        /** @description Language of the group labels */
        lang?: 'en' | 'fr';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The same as CSV (RFC 4180, UTF-8), one row per group; cells starting with = + - @ are prefixed with an apostrophe */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/csv': string;
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      429: components['responses']['Problem429'];
    };
  };
  ReportsController_channel: {
    parameters: {
      query?: {
        /** @description Inclusive; a date or a date-time (UTC). Default: the first day of the month 11 months before `to` */
        from?: string;
        /** @description Exclusive date-time, or a date meaning to the end of that day (UTC). Default: now */
        to?: string;
        groupBy?: 'category' | 'immigrationType' | 'urgency' | 'outcome' | 'month';
        /** @description Language of the group labels */
        lang?: 'en' | 'fr';
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ChannelReportDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      404: components['responses']['Problem404'];
      429: components['responses']['Problem429'];
    };
  };
  PrecedentsController_share: {
    parameters: {
      query?: never;
      header?: {
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SharePrecedentDto'];
      };
    };
    responses: {
      /** @description 400 contains_personal_data names the field when it looks like a constituent detail */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PrecedentDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      404: components['responses']['Problem404'];
      409: components['responses']['Problem409'];
      415: components['responses']['Problem415'];
      422: components['responses']['Problem422'];
      429: components['responses']['Problem429'];
    };
  };
  PrecedentsController_list: {
    parameters: {
      query?: {
        /** @description Opaque cursor from a previous page */
        after?: string;
        limit?: number;
        /** @description Full-text, English and French, accents ignored */
        q?: string;
        category?: 'immigration' | 'employment_insurance' | 'pensions' | 'passport' | 'taxation' | 'veterans' | 'other';
        immigrationType?:
          | 'study_permit'
          | 'family_reunification'
          | 'permanent_residence'
          | 'temporary_resident_visa'
          | 'work_permit'
          | 'temporary_resident_permit'
          | 'economic_immigration'
          | 'provincial_programs'
          | 'humanitarian_compassionate'
          | 'international_adoption'
          | 'stay_of_removal'
          | 'asylum'
          | 'private_refugee_sponsorship'
          | 'remedies'
          | 'citizenship'
          | 'other';
        outcome?: 'approved' | 'refused' | 'withdrawn' | 'referred' | 'no_action' | 'other';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Precedents of the caller's channels, newest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PrecedentPageDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403Office'];
      429: components['responses']['Problem429'];
    };
  };
  TransitionsController_list: {
    parameters: {
      query?: {
        /** @description Opaque cursor from a previous page */
        after?: string;
        limit?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Admins, and the office's members */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TransitionPageDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      404: components['responses']['Problem404'];
      429: components['responses']['Problem429'];
    };
  };
  TransitionsController_schedule: {
    parameters: {
      query?: never;
      header?: {
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateTransitionDto'];
      };
    };
    responses: {
      /** @description Admin: the seat changes hands at effectiveAt */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TransitionDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403'];
      404: components['responses']['Problem404'];
      409: components['responses']['Problem409'];
      415: components['responses']['Problem415'];
      422: components['responses']['Problem422'];
      429: components['responses']['Problem429'];
    };
  };
  DocumentsController_list: {
    parameters: {
      query?: {
        /** @description Opaque cursor from a previous page */
        after?: string;
        limit?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The file's documents, newest first, tombstones included */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DocumentPageDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      404: components['responses']['Problem404'];
      429: components['responses']['Problem429'];
    };
  };
  DocumentsController_upload: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes a retry safe: the same key and body within 24 h answers the first response again */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'multipart/form-data': components['schemas']['UploadDocumentDto'];
      };
    };
    responses: {
      /** @description Stored. 400 empty file or bad field, 413 over DOCUMENT_MAX_MB, 415 not an accepted media type */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DocumentDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      404: components['responses']['Problem404'];
      409: components['responses']['Problem409'];
      413: components['responses']['Problem413'];
      415: components['responses']['Problem415'];
      422: components['responses']['Problem422'];
      429: components['responses']['Problem429'];
    };
  };
  DocumentsController_content: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The bytes; ETag is their SHA-256; each download is audited */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description One `Range: bytes=` range of the bytes (If-Range honoured) */
      206: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      404: components['responses']['Problem404'];
      416: components['responses']['Problem416'];
      429: components['responses']['Problem429'];
    };
  };
  DocumentsController_remove: {
    parameters: {
      query: {
        /** @description Why the document is removed (kept in the tombstone) */
        reason: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The bytes are gone; the row stays as a tombstone (who, when, why) */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      404: components['responses']['Problem404'];
      429: components['responses']['Problem429'];
    };
  };
  DocumentsController_writeLetter: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes a retry safe: the same key and body within 24 h answers the first response again */
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateLetterDto'];
      };
    };
    responses: {
      /** @description The letter, rendered to PDF, as a correspondence document */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DocumentDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      404: components['responses']['Problem404'];
      409: components['responses']['Problem409'];
      415: components['responses']['Problem415'];
      422: components['responses']['Problem422'];
      429: components['responses']['Problem429'];
    };
  };
  LetterTemplatesController_list: {
    parameters: {
      query?: {
        /** @description Opaque cursor from a previous page */
        after?: string;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The caller's office's templates, oldest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LetterTemplatePageDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      429: components['responses']['Problem429'];
    };
  };
  LetterTemplatesController_create: {
    parameters: {
      query?: never;
      header?: {
        /** @description Makes a retry safe: the same key and body within 24 h answers the first response again */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateLetterTemplateDto'];
      };
    };
    responses: {
      /** @description Office lead only; an unknown field is a 400 */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LetterTemplateDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      409: components['responses']['Problem409'];
      415: components['responses']['Problem415'];
      422: components['responses']['Problem422'];
      429: components['responses']['Problem429'];
    };
  };
  LetterTemplatesController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LetterTemplateDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403Office'];
      404: components['responses']['Problem404'];
      429: components['responses']['Problem429'];
    };
  };
  FollowUpsController_listOfCase: {
    parameters: {
      query?: {
        /** @description Opaque cursor from a previous page */
        after?: string;
        limit?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The file's follow-ups, soonest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FollowUpPageDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      404: components['responses']['Problem404'];
      429: components['responses']['Problem429'];
    };
  };
  FollowUpsController_create: {
    parameters: {
      query?: never;
      header?: {
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateFollowUpDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FollowUpDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      404: components['responses']['Problem404'];
      409: components['responses']['Problem409'];
      415: components['responses']['Problem415'];
      422: components['responses']['Problem422'];
      429: components['responses']['Problem429'];
    };
  };
  FollowUpsController_listOfOffice: {
    parameters: {
      query?: {
        /** @description Opaque cursor from a previous page */
        after?: string;
        limit?: number;
        /** @description overdue: due before now; today: due today; week: due today or in the six days after (Ottawa days) */
        due?: 'overdue' | 'today' | 'week';
        assigneeId?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The office's open follow-ups, soonest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['OfficeFollowUpPageDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      429: components['responses']['Problem429'];
    };
  };
  FollowUpsController_done: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description 409 already_done the second time */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FollowUpDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      404: components['responses']['Problem404'];
      409: components['responses']['Problem409'];
      429: components['responses']['Problem429'];
    };
  };
  InteractionsController_listOfCase: {
    parameters: {
      query?: {
        /** @description Opaque cursor from a previous page */
        after?: string;
        limit?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The file's contact log, newest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InteractionPageDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      404: components['responses']['Problem404'];
      429: components['responses']['Problem429'];
    };
  };
  InteractionsController_create: {
    parameters: {
      query?: never;
      header?: {
        'Idempotency-Key'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateInteractionDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InteractionDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      404: components['responses']['Problem404'];
      409: components['responses']['Problem409'];
      415: components['responses']['Problem415'];
      422: components['responses']['Problem422'];
      429: components['responses']['Problem429'];
    };
  };
  InteractionsController_listOfOffice: {
    parameters: {
      query?: {
        /** @description Opaque cursor from a previous page */
        after?: string;
        limit?: number;
        kind?: 'call' | 'email' | 'visit' | 'letter' | 'ircc_enquiry' | 'ircc_reply' | 'mcmps_appointment';
        from?: string;
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The office's contact log, newest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InteractionPageDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      429: components['responses']['Problem429'];
    };
  };
  InteractionsController_liaison: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The office's IRCC liaison at a glance */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LiaisonDto'];
        };
      };
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      429: components['responses']['Problem429'];
    };
  };
  ChecklistsController_listTemplates: {
    parameters: {
      query?: {
        /** @description Opaque cursor from a previous page */
        after?: string;
        limit?: number;
        category?: 'immigration' | 'employment_insurance' | 'pensions' | 'passport' | 'taxation' | 'veterans' | 'other';
        immigrationType?:
          | 'study_permit'
          | 'family_reunification'
          | 'permanent_residence'
          | 'temporary_resident_visa'
          | 'work_permit'
          | 'temporary_resident_permit'
          | 'economic_immigration'
          | 'provincial_programs'
          | 'humanitarian_compassionate'
          | 'international_adoption'
          | 'stay_of_removal'
          | 'asylum'
          | 'private_refugee_sponsorship'
          | 'remedies'
          | 'citizenship'
          | 'other';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The office's templates and those shared to its channels */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TemplatePageDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      429: components['responses']['Problem429'];
    };
  };
  ChecklistsController_createTemplate: {
    parameters: {
      query?: never;
      header?: {
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateTemplateDto'];
      };
    };
    responses: {
      /** @description Office leads only */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TemplateDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      409: components['responses']['Problem409'];
      415: components['responses']['Problem415'];
      422: components['responses']['Problem422'];
      429: components['responses']['Problem429'];
    };
  };
  ChecklistsController_updateTemplate: {
    parameters: {
      query?: never;
      header?: {
        /** @description ETag from a previous read; 412 when stale */
        'If-Match'?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateTemplateDto'];
      };
    };
    responses: {
      /** @description The template's office lead only */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TemplateDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      404: components['responses']['Problem404'];
      412: components['responses']['Problem412'];
      415: components['responses']['Problem415'];
      429: components['responses']['Problem429'];
    };
  };
  ChecklistsController_checklist: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ChecklistDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      404: components['responses']['Problem404'];
      429: components['responses']['Problem429'];
    };
  };
  ChecklistsController_updateItem: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        itemId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateChecklistItemDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ChecklistItemDto'];
        };
      };
      400: components['responses']['Problem400'];
      401: components['responses']['Problem401'];
      403: components['responses']['Problem403OrOffice'];
      404: components['responses']['Problem404'];
      415: components['responses']['Problem415'];
      429: components['responses']['Problem429'];
    };
  };
}
