#!/usr/bin/env -S npx tsx
import { createRequire as __skillRequire } from 'node:module'; const require = __skillRequire(import.meta.url);
import{b as o,f as p,g as f,h as m,i as u}from"./chunks/chunk-RBSHPVSP.mjs";import"./chunks/chunk-ABXLV2OZ.mjs";import{A as l,D as s,H as i,O as c,z as a}from"./chunks/chunk-TSYJT34D.mjs";var d=m(`Usage: health_check <TRACE_ID> [options]

One screen on one MLflow trace: state, errors (deepest failing span, exception, propagation), assessments
(negative verdicts first, scorer errors apart), slow spans, tokens. One mlflow call (\`mlflow traces get\`).`,f());await i(async g=>{let e=l(g,{string:["trace-id"]});if(s(e,"help"))return d;let t=await u(e),r=o(t.trace),n=t.again("inspect_turn"),w=[`Full trace JSON: ${t.files[0]}`,`Next: ${n}  (span tree, inputs/outputs, exceptions)`];return s(e,"json")?JSON.stringify({...r,files:{traceJson:t.files[0]??null},mlflowCalls:a()},null,2):c(p(r,{inspect:n,inspectSpan:h=>t.again("inspect_turn",["--span",h])}),w,t.maxChars,n).text});
