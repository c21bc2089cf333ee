/**
 * A stand-in tracking server for the metrics endpoint (answers shaped as mlflow 3.17.2's): every
 * request body is kept, each answer comes from `reply`. Listens on 127.0.0.1 at a free port.
 */
import { standInServer } from './stand-in-server.js';

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
  const server = await standInServer(({ body }) => {
    const b = body as unknown as MetricsBody;
    standIn.seen.push(b);
    const r = standIn.reply(b);
    return { status: r.status, body: JSON.stringify(r.body) };
  });
  standIn.url = server.url;
  standIn.close = server.close;
  return standIn;
}
