/**
 * A stand-in HTTP server for the tracking server's REST endpoints: each request's path, credentials
 * and JSON body go to `answer`, whose reply is sent back. Listens on 127.0.0.1 at a free port.
 */
import { createServer } from 'node:http';

export interface SeenRequest {
  url: string | undefined;
  auth: string | undefined;
  body: Record<string, unknown>;
}
/** A status and the body as sent; 'hang' never answers, 'reset' drops the connection (as a server does an idle kept-alive socket). */
export type Answer = { status: number; body: string } | 'hang' | 'reset';

export async function standInServer(answer: (r: SeenRequest) => Answer): Promise<{ url: string; close: () => void }> {
  const server = createServer((req, res) => {
    let s = '';
    req.on('data', (c) => {
      s += c;
    });
    req.on('end', () => {
      const r = answer({ url: req.url, auth: req.headers.authorization, body: JSON.parse(s) as Record<string, unknown> });
      if (r === 'hang') return;
      if (r === 'reset') return req.socket.destroy();
      res.writeHead(r.status, { 'content-type': 'application/json' });
      res.end(r.body);
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const addr = server.address();
  const close = () => {
    server.closeAllConnections();
    server.close();
  };
  return { url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`, close };
}
