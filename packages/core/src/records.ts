import type { ComponentDescriptor } from "./components/descriptor-schema";
import type { AuthType, CredentialStatus, FlowStatus, VerificationResult } from "./types";

/** A component as a workspace sees it, with its validated descriptor. */
export interface ComponentRecord {
  id: string;
  workspaceId: string;
  key: string;
  name: string;
  description: string | null;
  descriptor: ComponentDescriptor;
  /** Credentials that use the component (kept on its row). */
  credentialCount: number;
}

/** A credential without its secret values (only masked hints). */
export interface CredentialRecord {
  id: string;
  workspaceId: string;
  componentId: string;
  name: string;
  authType: AuthType;
  config: Record<string, unknown>;
  secretHints: { field: string; hint: string }[];
  status: CredentialStatus;
  lastVerification: VerificationResult | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface FlowRecord {
  id: string;
  workspaceId: string;
  name: string;
  status: FlowStatus;
  createdAt: Date;
  updatedAt: Date;
}

export interface FlowStepRecord {
  id: string;
  workspaceId: string;
  flowId: string;
  position: number;
  name: string;
  componentId: string;
  credentialId: string | null;
}

export interface CredentialUsageRecord {
  flow: FlowRecord;
  step: FlowStepRecord;
}

/** A verification result as the API maps it (same shape as VerificationResult). */
export type VerificationRecord = VerificationResult;
