import { setupBackend } from "../cli/backend.ts";
await setupBackend("cpu");
import * as tf from "@tensorflow/tfjs-core";
import { createLogisticPolicy } from "../lib/weighting/logistic.ts";
import { DEFAULT_POLICY_CONFIG } from "../lib/weighting/config.ts";
import { Stream } from "../lib/random/stream.ts";
const s = new Stream(1);
const p = createLogisticPolicy(["a","b"], {...DEFAULT_POLICY_CONFIG, kind:"logistic"}, {users: 10, stream: s});
for (let r=0;r<20;r++){
  const fb = [] as any[];
  for (let u=0;u<10;u++){ const scores=new Float32Array(20); const rewards=new Float64Array(10); const clicked:boolean[]=[];
    for (let i=0;i<10;i++){ scores[i*2]=s.next(); scores[i*2+1]=s.next(); const c = s.next() < scores[i*2]*0.5; clicked.push(c); rewards[i]=c?1:-1;}
    fb.push({user:u, round:r, scores, rewards, clicked, weights: p.weights({round:r,user:u})});
  }
  p.update(r, fb);
  console.log(r, Array.from(p.global()).map(v=>v.toFixed(3)).join(" "), tf.memory().numTensors);
}
