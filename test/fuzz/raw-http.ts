import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RawRequest {
  method: string;
  /** Already encoded: sent as is, so a test can send what a browser never would (%ZZ, ..). */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

export interface RawResponse {
  /** The HTTP status, or 0 when the server closed the connection without an answer. */
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** Why the connection ended without an answer (status 0). */
  error?: string;
}

/**
 * A bare HTTP client over one keep-alive agent: no header or body rewriting, so malformed
 * requests reach the server as written, and thousands of them cost no new connection each.
 */
export class RawHttp {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

  private constructor(private readonly port: number) {}

  /** Listens on a free local port (once) and returns a client for it. */
  static async listen(server: http.Server): Promise<RawHttp> {
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new RawHttp((server.address() as AddressInfo).port);
  }

  send(request: RawRequest): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      const headers = { ...request.headers };
      if (request.body !== undefined) headers['content-length'] = String(request.body.length);
      let req: http.ClientRequest;
      try {
        req = http.request({ host: '127.0.0.1', port: this.port, method: request.method, path: request.path, headers, agent: this.agent });
      } catch (error) {
        // The client refused to send it (an invalid header): a bug of the generator, not of the server.
        reject(error);
        return;
      }
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', (error) => resolve({ status: 0, headers: {}, body: Buffer.alloc(0), error: error.message }));
      });
      req.on('error', (error: NodeJS.ErrnoException) => resolve({ status: 0, headers: {}, body: Buffer.alloc(0), error: error.code ?? error.message }));
      req.end(request.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** The body as JSON when it is JSON, else as text. */
export function parseBody(response: RawResponse): unknown {
  const text = response.body.toString('utf8');
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}
