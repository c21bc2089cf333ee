/**
 * A stand-in tracking server for the metrics endpoint (answers shaped as mlflow 3.17.2's): every
 * request body is kept, each answer comes from `reply`. Listens on 127.0.0.1 at a free port.
 */
import { createServer } from 'node:http';

export interface MetricsBody {
  view_type: string;
  metric_name: string;
  dimensions?: string[];
  filters?: string[];
  start_time_ms?: number;
  end_time_ms?: number;
  time_interval_seconds?: number;
}
export type Reply = (b: MetricsBody) => { status: number; body: unknown };

export interface StandIn {
  url: string;
  seen: MetricsBody[];
  reply: Reply;
  close: () => void;
}

export async function standInMetricsServer(reply: Reply = () => ({ status: 404, body: {} })): Promise<StandIn> {
  const standIn: StandIn = { url: '', seen: [], reply, close: () => {} };
  const server = createServer((req, res) => {
    let s = '';
    req.on('data', (c) => {
      s += c;
    });
    req.on('end', () => {
      const b = JSON.parse(s) as MetricsBody;
      standIn.seen.push(b);
      const r = standIn.reply(b);
      res.writeHead(r.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(r.body));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const addr = server.address();
  standIn.url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  standIn.close = () => {
    server.closeAllConnections();
    server.close();
  };
  return standIn;
}
