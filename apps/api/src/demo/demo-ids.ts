/**
 * Fixed ids of the demo data, so every installation (and every second start)
 * refers to the same demo model, and ownership can be wired to them.
 */
export const DEMO_MODEL_ID = '6e0c4c5e-9d1a-4b8e-9a57-0c9f4d1e2a01';
/** The GenomeWell system the demo model belongs to. */
export const DEMO_SYSTEM_ID = '6e0c4c5e-9d1a-4b8e-9a57-0c9f4d1e2a02';
/** The "Demo" organisation that owns the demo system. */
export const DEMO_ORGANISATION_ID = '6e0c4c5e-9d1a-4b8e-9a57-0c9f4d1e2a03';
/** Actor recorded on the seeded events. */
export const DEMO_SEED_ACTOR = 'system:demo-seed';

/** The threat model of the vendor's "Helix LIMS" system. */
export const DEMO_VENDOR_MODEL_ID = '6e0c4c5e-9d1a-4b8e-9a57-0c9f4d1e2a11';
/** The "Helix LIMS" system, shared with GenomeWell at role editor. */
export const DEMO_VENDOR_SYSTEM_ID = '6e0c4c5e-9d1a-4b8e-9a57-0c9f4d1e2a12';
/** The vendor organisation "Helix Sequencing" that owns Helix LIMS. */
export const DEMO_VENDOR_ORGANISATION_ID = '6e0c4c5e-9d1a-4b8e-9a57-0c9f4d1e2a13';
