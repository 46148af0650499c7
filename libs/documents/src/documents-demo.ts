import { Injectable } from '@nestjs/common';
import type { Tx } from '@relay/platform';
import { DocumentsRepository } from './documents.repository.js';
import { checkTemplate } from './letter-render.js';

const SUPPORT_EN = `Immigration, Refugees and Citizenship Canada
Case Specific Enquiry

Re: {{constituent.fullName}} (UCI {{constituent.uci}}, application {{constituent.applicationNumber}})

Our office supports the application of {{constituent.fullName}}, a constituent of {{office.name}}, and asks that it be given every consideration compatible with the Act and its regulations.

Please reply to our office, quoting our file {{case.reference}}.

Sincerely,

{{mp.name}}
Member of Parliament for {{office.name}}`;

const SUPPORT_FR = `Immigration, Réfugiés et Citoyenneté Canada
Demande de renseignements propre à un cas

Objet : {{constituent.fullName}} (IUC {{constituent.uci}}, demande {{constituent.applicationNumber}})

Notre bureau appuie la demande de {{constituent.fullName}}, résident·e de la circonscription de {{office.nameFr}}, et vous prie de lui accorder toute la considération que permettent la Loi et son règlement.

Veuillez répondre à notre bureau en citant notre dossier {{case.reference}}.

Je vous prie d'agréer l'expression de mes sentiments distingués.

{{mp.name}}
Député·e de {{office.nameFr}}`;

/** SEED_DEMO: a support-letter template in each language (the directory load names each office's MP). */
@Injectable()
export class DocumentsDemo {
  constructor(private readonly documents: DocumentsRepository) {}

  async seed(tx: Tx, officeIds: string[]): Promise<void> {
    checkTemplate(SUPPORT_EN);
    checkTemplate(SUPPORT_FR);
    for (const officeId of officeIds) {
      const base = { kind: 'support_letter' as const, body: '' };
      await this.documents.insertTemplate(tx, officeId, null, {
        ...base,
        name: 'Support letter',
        language: 'en',
        body: SUPPORT_EN,
      });
      await this.documents.insertTemplate(tx, officeId, null, {
        ...base,
        name: "Lettre d'appui",
        language: 'fr',
        body: SUPPORT_FR,
      });
    }
  }
}
