// Partners and agreements: who this node exchanges with, under which terms. Administrators
// register partners (keys exchanged out of band) and set agreements; suspension stops all
// traffic to a partner at once.
import type { Kysely } from 'kysely';
import {
  actorLabel,
  conflict,
  forbidden,
  hasRole,
  notFound,
  validationFailed,
  type Actor,
  type Clock,
  type Role,
} from '../platform/index.js';
import { agreementSchema, type Agreement, type AgreementInput } from './agreement.schema.js';
import { nodeIdSchema } from './exchange-item.schema.js';
import { getPartnerRow, partnerFromRow, type Partner } from './exchange-repository.js';
import type { ExchangeTables } from './exchange-tables.js';
import type { ExchangeAudit } from './exchange-service.js';
import { jwksSchema, type Jwks, type NodeIdentity } from './node-identity.js';

const READ_ROLES: Role[] = ['analyst', 'targeter', 'liaison', 'supervisor', 'dpo'];

function requireRole(actor: Actor, roles: Role[]): void {
  if (!hasRole(actor, ...roles)) throw forbidden(`this action needs one of the roles: ${roles.join(', ')}`, { roles });
}

export interface PartnerAdminDeps {
  db: Kysely<ExchangeTables>;
  identity: NodeIdentity;
  clock: Clock;
  audit: ExchangeAudit;
  /** Told after any change to a partner or an agreement (caches), with the new status if it changed. */
  onChanged?: (partnerId: string, status?: Partner['status']) => void;
}

export function createPartnerAdmin(deps: PartnerAdminDeps) {
  const { db, identity, audit } = deps;
  const now = () => deps.clock.now();

  async function requirePartner(id: string): Promise<Partner> {
    const row = await getPartnerRow(db, id);
    if (!row) throw notFound('partner', id);
    return partnerFromRow(row);
  }

  return {
    // region partners
    async addPartner(actor: Actor, input: { id: string; name?: string; baseUrl: string; jwks: Jwks }): Promise<Partner> {
      requireRole(actor, ['admin']);
      const id = nodeIdSchema.parse(input.id);
      if (id === identity.nodeId) throw validationFailed('a node cannot be its own partner');
      const url = new URL(input.baseUrl); // throws on a malformed URL
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw validationFailed('partner URL must be http(s)');
      const jwks = jwksSchema.parse(input.jwks);
      if (await getPartnerRow(db, id)) throw conflict('PARTNER_EXISTS', `partner ${id} is already registered`);
      const at = now().toISOString();
      await db
        .insertInto('exchange_partner')
        .values({
          id,
          name: input.name ?? id,
          base_url: url.toString().replace(/\/$/, ''),
          status: 'active',
          jwks: JSON.stringify(jwks),
          next_out_seq: 1,
          last_in_seq: 0,
          created_at: at,
          updated_at: at,
        })
        .execute();
      await audit(actor, {
        action: 'exchange.partner_added',
        targetType: 'partner',
        targetId: id,
        details: { baseUrl: input.baseUrl, kids: jwks.keys.map((k) => k.kid) },
      });
      return requirePartner(id);
    },

    /** Replaces a partner's URL or keys (after a rotation on their side). */
    async updatePartner(actor: Actor, id: string, input: { baseUrl?: string; jwks?: Jwks; name?: string }): Promise<Partner> {
      requireRole(actor, ['admin']);
      await requirePartner(id);
      const set: { updated_at: string; base_url?: string; jwks?: string; name?: string } = { updated_at: now().toISOString() };
      if (input.baseUrl) set.base_url = new URL(input.baseUrl).toString().replace(/\/$/, '');
      if (input.jwks) set.jwks = JSON.stringify(jwksSchema.parse(input.jwks));
      if (input.name) set.name = input.name;
      await db.updateTable('exchange_partner').set(set).where('id', '=', id).execute();
      await audit(actor, {
        action: 'exchange.partner_updated',
        targetType: 'partner',
        targetId: id,
        details: { fields: Object.keys(input) },
      });
      return requirePartner(id);
    },

    async listPartners(actor: Actor): Promise<Partner[]> {
      requireRole(actor, [...READ_ROLES, 'admin']);
      const rows = await db.selectFrom('exchange_partner').selectAll().orderBy('id').execute();
      return rows.map(partnerFromRow);
    },

    async setPartnerStatus(actor: Actor, id: string, status: Partner['status']): Promise<Partner> {
      requireRole(actor, ['admin', 'supervisor']);
      await requirePartner(id);
      await db.updateTable('exchange_partner').set({ status, updated_at: now().toISOString() }).where('id', '=', id).execute();
      await audit(actor, {
        action: status === 'suspended' ? 'exchange.partner_suspended' : 'exchange.partner_activated',
        targetType: 'partner',
        targetId: id,
      });
      return requirePartner(id);
    },

    // region agreements
    async setAgreement(actor: Actor, input: AgreementInput): Promise<Agreement> {
      requireRole(actor, ['admin', 'supervisor']);
      const agreement = agreementSchema.parse(input);
      await requirePartner(agreement.partner);
      const at = now().toISOString();
      const existing = await db
        .selectFrom('exchange_agreement')
        .select('version')
        .where('partner_id', '=', agreement.partner)
        .where('direction', '=', agreement.direction)
        .executeTakeFirst();
      const row = { document: JSON.stringify(agreement), updated_at: at, updated_by: actorLabel(actor) };
      if (existing) {
        await db
          .updateTable('exchange_agreement')
          .set({ ...row, version: existing.version + 1 })
          .where('partner_id', '=', agreement.partner)
          .where('direction', '=', agreement.direction)
          .execute();
      } else {
        await db
          .insertInto('exchange_agreement')
          .values({ ...row, partner_id: agreement.partner, direction: agreement.direction, version: 1 })
          .execute();
      }
      await audit(actor, {
        action: 'exchange.agreement_set',
        targetType: 'agreement',
        targetId: `${agreement.partner}/${agreement.direction}`,
        details: { version: (existing?.version ?? 0) + 1 },
      });
      return agreement;
    },

    async listAgreements(actor: Actor, partnerId?: string): Promise<(Agreement & { version: number; updatedAt: string })[]> {
      requireRole(actor, [...READ_ROLES, 'admin']);
      let q = db.selectFrom('exchange_agreement').selectAll().orderBy('partner_id').orderBy('direction');
      if (partnerId) q = q.where('partner_id', '=', partnerId);
      const rows = await q.execute();
      return rows.map((r) => ({ ...agreementSchema.parse(JSON.parse(r.document)), version: r.version, updatedAt: r.updated_at }));
    },
  };
}
