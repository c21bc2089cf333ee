#!/usr/bin/env -S npx tsx
import { createRequire as __skillRequire } from 'node:module'; const require = __skillRequire(import.meta.url);
import{b as o,f as p,g as f,h as m,i as u}from"./chunks/chunk-IIPNJSSD.mjs";import"./chunks/chunk-NBTG54WZ.mjs";import{C as r,F as i,M as c,y as a,z as l}from"./chunks/chunk-TAIKZYYS.mjs";var S=m(`Usage: health_check <TRACE_ID> [options]

One screen on one MLflow trace: state, errors (deepest failing span, exception, propagation), assessments
(negative verdicts first, scorer errors apart), slow spans, tokens. One mlflow call (\`mlflow traces get\`).`,f);await i(async g=>{let e=l(g,{string:["trace-id"]});if(r(e,"help"))return S;let t=await u(e),s=o(t.trace),n=t.again("inspect_turn"),w=[`Full trace JSON: ${t.files[0]}`,`Next: ${n}  (span tree, inputs/outputs, exceptions)`];return r(e,"json")?JSON.stringify({...s,files:{traceJson:t.files[0]??null},mlflowCalls:a()},null,2):c(p(s,{inspect:n,inspectSpan:h=>t.again("inspect_turn",["--span",h])}),w,t.maxChars,n).text});
