import request from 'supertest';
import type { ServerProcess } from '../../scripts/server-process.js';
import type { TestApp } from './test-app.js';
import { World, type Member } from './world.js';

export const API = '/api/v1';
export const BEARER = { type: 'bearer' } as const;

/** One member's requests to one node of a cluster (the tests that run several nodes). */
export const as = (node: ServerProcess, m: Member) => ({
  get: (path: string) => request(node.baseUrl).get(`${API}${path}`).auth(m.token, BEARER),
  post: (path: string, body: object = {}) =>
    request(node.baseUrl).post(`${API}${path}`).auth(m.token, BEARER).send(body),
  patch: (path: string, body: object) => request(node.baseUrl).patch(`${API}${path}`).auth(m.token, BEARER).send(body),
});

/** The World helpers work through one node's HTTP: they only use `t.http()`. */
export const worldOn = (node: ServerProcess) => new World({ http: () => request(node.baseUrl) } as TestApp);
