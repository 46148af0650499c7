import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type Actor, CurrentActor, ProblemResponses } from '@relay/platform';
import { AuditService } from './audit.service.js';
import { AuditPageDto, AuditQuery, AuditVerificationDto } from './audit.dto.js';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'List audit events' })
  @ProblemResponses(403)
  @ApiOkResponse({ type: AuditPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: AuditQuery) {
    return this.audit.list(actor, query);
  }

  @Get('verify')
  @ProblemResponses(403)
  @ApiOperation({
    summary: 'Recomputes the keyed hash chain (admins only)',
    description:
      'One verification at a time: a caller arriving while this node verifies gets that run’s answer; ' +
      'while another node verifies, 409 audit_verify_running.',
  })
  @ApiOkResponse({ type: AuditVerificationDto })
  @ApiConflictResponse({ description: 'audit_verify_running: another node is verifying' })
  verify(@CurrentActor() actor: Actor) {
    return this.audit.verify(actor);
  }

  @Get('export')
  @ApiOperation({ summary: 'Export audit events as NDJSON' })
  @ProblemResponses(403)
  @ApiProduces('application/x-ndjson')
  @ApiOkResponse({ description: 'One audit event per line (NDJSON), oldest first' })
  async export(@CurrentActor() actor: Actor, @Query() query: AuditQuery, @Res() res: Response): Promise<void> {
    const events = this.audit.export(actor, query);
    // Pull the first batch before answering so a refusal is still a proper problem+json.
    const first = await events.next();
    res.status(200).type('application/x-ndjson');
    async function* lines() {
      if (!first.done) yield `${JSON.stringify(first.value)}\n`;
      for await (const event of events) yield `${JSON.stringify(event)}\n`;
    }
    // The stream handles backpressure; a client gone or a database error mid-way ends the response.
    await pipeline(Readable.from(lines()), res).catch(() => res.destroy());
  }
}
