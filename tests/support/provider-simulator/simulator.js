#!/usr/bin/env node
// A loopback simulator of CertDesk's outside parties, for tests: WeChat Pay API v3 (Native), the Alipay
// gateway (precreate / query / close) and the generic signed-HTTP shim of docs/providers.md (liveness,
// real-name, SMS). It speaks their wire formats with keys of its own (given in the config file) and checks
// every request the service sends as the real party would: a request with a bad signature is refused.
//
//   node simulator.js CONFIG.json      prints "listening on 127.0.0.1:PORT" once it is ready
//
// Test-only control endpoints under /_sim/ trigger what a payer or a face check would do (a payment, a
// liveness result) and make the simulator misbehave (down, slow, 500) for the next N requests.
// Node's own crypto and http only: no npm packages.
'use strict';

const crypto = require('crypto');
const fs = require('fs');
const http = require('http');

const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const wx = config.wechatpay;
const ali = config.alipay;
const shim = config.signed_http;

const state = {
  wxOrders: new Map(), // out_trade_no -> order
  aliOrders: new Map(),
  liveness: new Map(), // session_id -> session
  sms: [],
  faults: [], // {target, mode, count, delay_ms}
  requests: {}, // "target endpoint" -> count
};

function count(key) { state.requests[key] = (state.requests[key] || 0) + 1; }
function nonce() { return crypto.randomBytes(16).toString('hex'); }
function now() { return Math.floor(Date.now() / 1000); }

function takeFault(target) {
  const f = state.faults.find((x) => x.target === target && x.count > 0);
  if (!f) return null;
  f.count -= 1;
  return f;
}

// ---- WeChat Pay ---------------------------------------------------------------------------------------
function wxSignedHeaders(body) {
  const ts = String(now());
  const n = nonce();
  const sig = crypto.sign('RSA-SHA256', Buffer.from(`${ts}\n${n}\n${body}\n`), wx.platform_private_key).toString('base64');
  return { 'Wechatpay-Timestamp': ts, 'Wechatpay-Nonce': n, 'Wechatpay-Signature': sig, 'Wechatpay-Serial': wx.platform_serial };
}

function wxReply(res, status, obj) {
  const body = obj === null ? '' : JSON.stringify(obj);
  res.writeHead(status, Object.assign({ 'Content-Type': 'application/json' }, wxSignedHeaders(body)));
  res.end(body);
}

// WECHATPAY2-SHA256-RSA2048 mchid="..",nonce_str="..",signature="..",timestamp="..",serial_no=".."
function wxCheckAuth(req, path, body) {
  const header = req.headers.authorization || '';
  if (!header.startsWith('WECHATPAY2-SHA256-RSA2048 ')) return 'scheme';
  const fields = {};
  for (const m of header.slice(26).matchAll(/(\w+)="([^"]*)"/g)) fields[m[1]] = m[2];
  if (fields.mchid !== wx.mchid) return 'mchid';
  if (fields.serial_no !== wx.merchant_serial_no) return 'serial_no';
  if (Math.abs(now() - Number(fields.timestamp)) > 300) return 'timestamp';
  const message = `${req.method}\n${path}\n${fields.timestamp}\n${fields.nonce_str}\n${body}\n`;
  if (!crypto.verify('RSA-SHA256', Buffer.from(message), wx.merchant_public_key, Buffer.from(fields.signature || '', 'base64'))) return 'signature';
  return null;
}

function wxTransaction(o) {
  const t = { mchid: o.mchid, appid: o.appid, out_trade_no: o.out_trade_no, trade_state: o.state, trade_type: 'NATIVE',
    amount: { total: o.paid_total !== undefined ? o.paid_total : o.total, currency: 'CNY', payer_total: o.total, payer_currency: 'CNY' } };
  if (o.state === 'SUCCESS') {
    t.transaction_id = o.transaction_id;
    t.success_time = new Date().toISOString().replace(/\.\d+Z$/, '+00:00');
    t.payer = { openid: 'oSimulatorPayer' };
  }
  return t;
}

function wxHandle(req, res, path, body) {
  const problem = wxCheckAuth(req, path, body);
  count('wechatpay ' + path.replace(/out-trade-no\/[^/?]+/, 'out-trade-no/{}').replace(/\?.*$/, ''));
  if (problem) return wxReply(res, 401, { code: 'SIGN_ERROR', message: 'signature check failed: ' + problem });
  if (req.method === 'POST' && path === '/v3/pay/transactions/native') {
    const o = JSON.parse(body);
    if (o.mchid !== wx.mchid || o.appid !== wx.appid) return wxReply(res, 400, { code: 'PARAM_ERROR', message: 'mchid/appid' });
    if (!/^[0-9A-Za-z_\-|*]{6,32}$/.test(o.out_trade_no)) return wxReply(res, 400, { code: 'PARAM_ERROR', message: 'out_trade_no' });
    let order = state.wxOrders.get(o.out_trade_no);
    if (order && order.total !== o.amount.total) return wxReply(res, 400, { code: 'INVALID_REQUEST', message: '201 商户订单号重复' });
    if (!order) {
      order = { out_trade_no: o.out_trade_no, total: o.amount.total, notify_url: o.notify_url, mchid: o.mchid, appid: o.appid,
        state: 'NOTPAY', code_url: 'weixin://wxpay/bizpayurl?pr=' + nonce().slice(0, 7), creates: 0 };
      state.wxOrders.set(o.out_trade_no, order);
    }
    order.creates += 1;
    return wxReply(res, 200, { code_url: order.code_url });
  }
  let m = path.match(/^\/v3\/pay\/transactions\/out-trade-no\/([^/?]+)\?mchid=(.*)$/);
  if (req.method === 'GET' && m) {
    const order = state.wxOrders.get(decodeURIComponent(m[1]));
    if (!order || decodeURIComponent(m[2]) !== wx.mchid) return wxReply(res, 404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' });
    return wxReply(res, 200, wxTransaction(order));
  }
  m = path.match(/^\/v3\/pay\/transactions\/out-trade-no\/([^/?]+)\/close$/);
  if (req.method === 'POST' && m) {
    const order = state.wxOrders.get(decodeURIComponent(m[1]));
    if (!order) return wxReply(res, 404, { code: 'ORDER_NOT_EXIST', message: '订单不存在' });
    if (order.state === 'SUCCESS') return wxReply(res, 400, { code: 'ORDERPAID', message: '订单已支付' });
    order.state = 'CLOSED';
    res.writeHead(204, wxSignedHeaders(''));
    return res.end();
  }
  return wxReply(res, 404, { code: 'NOT_FOUND', message: path });
}

// The payer pays: the order becomes SUCCESS and WeChat Pay's notification is built (and, unless told
// otherwise, posted to the order's notify_url). Options change what is sent, to test the refusals.
function wxNotification(order, opt) {
  const transaction = wxTransaction(order);
  if (opt.amount !== undefined) transaction.amount.total = opt.amount;
  if (opt.mchid) transaction.mchid = opt.mchid;
  if (opt.override_out_trade_no) transaction.out_trade_no = opt.override_out_trade_no;
  const key = Buffer.from(opt.apiv3_key || wx.apiv3_key);
  const iv = Buffer.from(nonce().slice(0, 12));
  const aad = Buffer.from('transaction');
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const ct = Buffer.concat([cipher.update(JSON.stringify(transaction)), cipher.final(), cipher.getAuthTag()]);
  const body = JSON.stringify({ id: opt.id || crypto.randomUUID(), create_time: new Date().toISOString(),
    resource_type: 'encrypt-resource', event_type: opt.event_type || 'TRANSACTION.SUCCESS', summary: '支付成功',
    resource: { original_type: 'transaction', algorithm: 'AEAD_AES_256_GCM', ciphertext: ct.toString('base64'),
      associated_data: 'transaction', nonce: iv.toString() } });
  const headers = wxSignedHeaders(body);
  if (opt.timestamp_offset) {
    // re-sign with the shifted time: a correctly signed but stale notification
    const ts = String(now() + opt.timestamp_offset);
    headers['Wechatpay-Timestamp'] = ts;
    headers['Wechatpay-Signature'] = crypto.sign('RSA-SHA256', Buffer.from(`${ts}\n${headers['Wechatpay-Nonce']}\n${body}\n`), wx.platform_private_key).toString('base64');
  }
  if (opt.corrupt_signature) {
    const sig = Buffer.from(headers['Wechatpay-Signature'], 'base64');
    sig[5] ^= 1;
    headers['Wechatpay-Signature'] = sig.toString('base64');
  }
  headers['Content-Type'] = 'application/json';
  return { headers, body };
}

// ---- Alipay ------------------------------------------------------------------------------------------
function aliSigningString(params, exclude) {
  return Object.keys(params).filter((k) => !exclude.includes(k) && params[k] !== '' && params[k] !== undefined).sort()
    .map((k) => `${k}=${params[k]}`).join('&');
}

function aliReply(res, method, response) {
  const key = method.replace(/\./g, '_') + '_response';
  const text = JSON.stringify(response);
  const sign = crypto.sign('RSA-SHA256', Buffer.from(text), ali.alipay_private_key).toString('base64');
  res.writeHead(200, { 'Content-Type': 'application/json;charset=utf-8' });
  res.end(`{"${key}":${text},"sign":"${sign}"}`);
}

function yuan(fen) { return (fen / 100).toFixed(2); }

function aliHandle(req, res, body) {
  const params = Object.fromEntries(new URLSearchParams(body));
  count('alipay ' + (params.method || '?'));
  const method = params.method;
  // Request signatures cover every parameter but sign (sign_type included).
  const ok = params.app_id === ali.app_id && params.sign_type === 'RSA2'
    && crypto.verify('RSA-SHA256', Buffer.from(aliSigningString(params, ['sign'])), ali.app_public_key, Buffer.from(params.sign || '', 'base64'));
  if (!ok) return aliReply(res, method || 'error', { code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-signature', sub_msg: '验签出错' });
  const biz = JSON.parse(params.biz_content || '{}');
  if (method === 'alipay.trade.precreate') {
    const fen = Math.round(Number(biz.total_amount) * 100);
    let order = state.aliOrders.get(biz.out_trade_no);
    if (!order) {
      order = { out_trade_no: biz.out_trade_no, total: fen, notify_url: params.notify_url, state: 'WAIT_BUYER_PAY',
        qr_code: 'https://qr.alipay.com/bax' + nonce().slice(0, 16), trade_no: '2026' + nonce().slice(0, 24), creates: 0 };
      state.aliOrders.set(biz.out_trade_no, order);
    }
    order.creates += 1;
    return aliReply(res, method, { code: '10000', msg: 'Success', out_trade_no: order.out_trade_no, qr_code: order.qr_code });
  }
  const order = state.aliOrders.get(biz.out_trade_no);
  if (!order) return aliReply(res, method, { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.TRADE_NOT_EXIST', sub_msg: '交易不存在' });
  if (method === 'alipay.trade.query') {
    return aliReply(res, method, { code: '10000', msg: 'Success', out_trade_no: order.out_trade_no, trade_no: order.trade_no,
      trade_status: order.state, total_amount: yuan(order.paid_total !== undefined ? order.paid_total : order.total) });
  }
  if (method === 'alipay.trade.close') {
    if (order.state === 'TRADE_SUCCESS') return aliReply(res, method, { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.TRADE_STATUS_ERROR', sub_msg: '交易状态不合法' });
    order.state = 'TRADE_CLOSED';
    return aliReply(res, method, { code: '10000', msg: 'Success', out_trade_no: order.out_trade_no, trade_no: order.trade_no });
  }
  return aliReply(res, method || 'error', { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.METHOD_NOT_SUPPORTED' });
}

function aliNotification(order, opt) {
  const p = { gmt_create: '2026-01-01 10:00:00', charset: 'utf-8', notify_time: '2026-01-01 10:00:05', notify_type: 'trade_status_sync',
    notify_id: opt.id || nonce(), app_id: opt.app_id || ali.app_id, sign_type: 'RSA2', version: '1.0', subject: '证书续期',
    out_trade_no: opt.override_out_trade_no || order.out_trade_no, trade_no: order.trade_no, trade_status: opt.trade_status || 'TRADE_SUCCESS',
    total_amount: yuan(opt.amount !== undefined ? opt.amount : order.total), buyer_pay_amount: yuan(order.total),
    fund_bill_list: JSON.stringify([{ amount: yuan(order.total), fundChannel: 'ALIPAYACCOUNT' }]) };
  let sign = crypto.sign('RSA-SHA256', Buffer.from(aliSigningString(p, ['sign', 'sign_type'])), ali.alipay_private_key);
  if (opt.corrupt_signature) sign[5] ^= 1;
  p.sign = sign.toString('base64');
  return { headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: new URLSearchParams(p).toString() };
}

// ---- the signed-HTTP shim ----------------------------------------------------------------------------
function hmac(method, path, ts, n, body) {
  return crypto.createHmac('sha256', shim.secret).update(`${method}\n${path}\n${ts}\n${n}\n${body}`).digest('hex');
}

function shimSign(method, path, body, tsOffset) {
  const ts = String(now() + (tsOffset || 0));
  const n = nonce();
  return { 'X-CertDesk-Client': shim.client_id, 'X-CertDesk-Timestamp': ts, 'X-CertDesk-Nonce': n,
    'X-CertDesk-Signature': hmac(method, path, ts, n, body) };
}

function shimReply(res, path, status, obj) {
  const body = JSON.stringify(obj);
  res.writeHead(status, Object.assign({ 'Content-Type': 'application/json' }, shimSign('RESPONSE', path, body)));
  res.end(body);
}

const seenNonces = new Set();
function shimHandle(req, res, path, body) {
  count('shim ' + path);
  const h = req.headers;
  const ok = h['x-certdesk-client'] === shim.client_id && Math.abs(now() - Number(h['x-certdesk-timestamp'])) <= 300
    && !seenNonces.has(h['x-certdesk-nonce'])
    && h['x-certdesk-signature'] === hmac('POST', path, h['x-certdesk-timestamp'], h['x-certdesk-nonce'], body);
  if (!ok) {
    process.stderr.write(`simulator: refused ${path} (client ${h['x-certdesk-client']}, timestamp ${h['x-certdesk-timestamp']})\n`);
    return shimReply(res, path, 401, { error: 'bad signature' });
  }
  seenNonces.add(h['x-certdesk-nonce']);
  const o = JSON.parse(body);
  if (path === '/liveness/sessions') {
    state.liveness.set(o.session_id, { session_id: o.session_id, name: o.name, id_number: o.id_number,
      callback_url: o.callback_url, result: 'pending', reason: null });
    return shimReply(res, path, 200, { session_id: o.session_id, url: 'https://face.simulator.test/s/' + o.session_id });
  }
  if (path === '/liveness/sessions/query') {
    const s = state.liveness.get(o.session_id);
    if (!s) return shimReply(res, path, 404, { error: 'unknown session' });
    return shimReply(res, path, 200, { session_id: s.session_id, result: s.result, reason: s.reason });
  }
  if (path === '/realname/verify') {
    const registered = (config.telecom || {})[o.mobile];
    return shimReply(res, path, 200, { result: registered && registered.toUpperCase() !== String(o.id_number).toUpperCase() ? 'mismatch' : 'match' });
  }
  if (path === '/sms/messages') {
    if (!state.sms.find((m) => m.message_id === o.message_id)) state.sms.push(o);
    return shimReply(res, path, 200, { accepted: true });
  }
  return shimReply(res, path, 404, { error: 'unknown path' });
}

// ---- delivery to the service -------------------------------------------------------------------------
let deliveryOrigin = null; // set by the test: where the service listens (the URL's path is kept)
function deliver(url, headers, body) {
  return new Promise((resolve) => {
    const u = new URL(url);
    if (deliveryOrigin) { const o = new URL(deliveryOrigin); u.protocol = o.protocol; u.hostname = o.hostname; u.port = o.port; }
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname + u.search, method: 'POST',
      headers: Object.assign({ 'Content-Length': Buffer.byteLength(body) }, headers) }, (res) => {
      let data = '';
      res.on('data', (c) => { data += c; });
      res.on('end', () => resolve({ status: res.statusCode, body: data }));
    });
    req.on('error', (e) => resolve({ status: 0, body: String(e) }));
    req.end(body);
  });
}

async function control(path, o, res) {
  const json = (status, obj) => { res.writeHead(status, { 'Content-Type': 'application/json' }); res.end(JSON.stringify(obj)); };
  if (path === '/_sim/target') { deliveryOrigin = o.origin; return json(200, { ok: true }); }
  if (path === '/_sim/deliver') return json(200, { answer: await deliver(o.url, o.headers, o.body) });
  if (path === '/_sim/fault') { state.faults.push(o); return json(200, { ok: true }); }
  if (path === '/_sim/requests') return json(200, state.requests);
  if (path === '/_sim/sms') return json(200, state.sms);
  if (path === '/_sim/wechatpay/order' || path === '/_sim/alipay/order') {
    const order = (path.includes('wechat') ? state.wxOrders : state.aliOrders).get(o.out_trade_no);
    return json(order ? 200 : 404, order || {});
  }
  if (path === '/_sim/wechatpay/pay' || path === '/_sim/alipay/pay') {
    const isWx = path.includes('wechat');
    const order = (isWx ? state.wxOrders : state.aliOrders).get(o.out_trade_no);
    if (!order) return json(404, { error: 'no such order' });
    if (o.mark_paid !== false) {
      order.state = isWx ? 'SUCCESS' : 'TRADE_SUCCESS';
      order.transaction_id = order.transaction_id || '4200' + nonce().slice(0, 24);
      if (o.paid_amount !== undefined) order.paid_total = o.paid_amount;
    }
    // A notification always claims success; with mark_paid false the provider's own record stays unpaid (a
    // forged or tampered notification, which a query must not confirm).
    const claimed = Object.assign({}, order, isWx ? { state: 'SUCCESS', transaction_id: order.transaction_id || '4200' + nonce().slice(0, 24) } : {});
    const n = isWx ? wxNotification(claimed, o) : aliNotification(claimed, o);
    const answer = o.deliver === false ? null : await deliver(o.notify_url || order.notify_url, n.headers, n.body);
    return json(200, { notification: n, answer });
  }
  if (path === '/_sim/liveness/complete') {
    const s = state.liveness.get(o.session_id);
    if (!s) return json(404, { error: 'no such session' });
    // The face check: the person in front of the camera is compared with the name and ID the session was
    // started for (the face database lookup is what a real provider does; here the test says who is there).
    const samePerson = (o.name === undefined || o.name === s.name) && (o.id_number === undefined || o.id_number === s.id_number);
    s.result = o.outcome === 'pass' && samePerson ? 'passed' : 'failed';
    s.reason = s.result === 'passed' ? null : (samePerson ? 'face_mismatch' : 'person_mismatch');
    const body = JSON.stringify({ event_id: nonce(), session_id: s.session_id, result: s.result, reason: s.reason });
    const cbPath = new URL(s.callback_url).pathname;
    const headers = Object.assign({ 'Content-Type': 'application/json' }, shimSign('POST', cbPath, body, o.timestamp_offset));
    if (o.corrupt_signature) headers['X-CertDesk-Signature'] = headers['X-CertDesk-Signature'].replace(/^./, (c) => (c === '0' ? '1' : '0'));
    const answer = o.deliver === false ? null : await deliver(s.callback_url, headers, body);
    return json(200, { notification: { headers, body }, answer });
  }
  return json(404, { error: 'unknown control path' });
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const path = req.url;
    try {
      if (path.startsWith('/_sim/')) return await control(path, body ? JSON.parse(body) : {}, res);
      const target = path.startsWith('/v3/') ? 'wechatpay' : path.startsWith('/gateway.do') ? 'alipay'
        : path.startsWith('/liveness') ? 'liveness' : path.startsWith('/realname') ? 'realname' : 'sms';
      const fault = takeFault(target);
      if (fault && fault.mode === 'down') { count(target + ' fault'); return req.socket.destroy(); }
      if (fault && fault.mode === 'error500') { count(target + ' fault'); res.writeHead(500); return res.end('{}'); }
      if (fault && fault.mode === 'slow') {
        // The request is handled at once and the answer held back: the caller times out on an order that
        // does exist (the case that makes a careless client order twice).
        count(target + ' fault');
        const delay = fault.delay_ms || 5000;
        const writeHead = res.writeHead.bind(res);
        const end = res.end.bind(res);
        res.writeHead = (...a) => { setTimeout(() => { if (!res.destroyed) writeHead(...a); }, delay); return res; };
        res.end = (...a) => { setTimeout(() => { if (!res.destroyed) end(...a); }, delay + 1); return res; };
      }
      if (target === 'wechatpay') return wxHandle(req, res, path, body);
      if (target === 'alipay') return aliHandle(req, res, body);
      return shimHandle(req, res, path, body);
    } catch (e) {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(String(e && e.stack));
    }
  });
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening on 127.0.0.1:${server.address().port}\n`);
});
