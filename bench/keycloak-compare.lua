-- wrk script of keycloak-compare.sh: one operation of one system, chosen by the environment.
--   SYSTEM   suite | keycloak
--   OP       login | refresh | validate | me
--   POOL     file of tokens, one a line (refresh tokens for refresh, access tokens otherwise)
--   POOL_OUT refresh only: where done() writes the chain heads left unused, for the next run
--   USER_FORMAT, USER_COUNT, PASSWORD     accounts for login (string.format with 0..USER_COUNT-1)
--   API_KEY                               the suite's app key (login, validate)
--   REALM_PATH, CLIENT_ID, CLIENT_SECRET  Keycloak's realm endpoints and confidential client
-- An answer counts as good only when its status and body are those of success (Keycloak answers
-- an expired token's introspection 200 {"active":false}); everything else is counted as bad, and
-- done() prints one tab-separated RESULT line for the script to read.

local system = os.getenv("SYSTEM")
local op = os.getenv("OP")
local function env(name, default)
  local v = os.getenv(name)
  if v == nil or v == "" then return default end
  return v
end

local function urlencode(s)
  return (tostring(s):gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local function form(pairs_list)
  local parts = {}
  for _, kv in ipairs(pairs_list) do parts[#parts + 1] = urlencode(kv[1]) .. "=" .. urlencode(kv[2]) end
  return table.concat(parts, "&")
end

local function read_pool(path)
  local pool = {}
  for line in io.lines(path) do
    if #line > 0 then pool[#pool + 1] = line end
  end
  assert(#pool > 0, "empty token pool " .. path)
  return pool
end

local json_headers = { ["Content-Type"] = "application/json" }
local form_headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
local realm = env("REALM_PATH", "/realms/kcb/protocol/openid-connect")
local client_id = env("CLIENT_ID", "kcb-client")
local client_secret = env("CLIENT_SECRET", "")
local api_key = env("API_KEY", "")
local pool = {}
local next_index = 1
-- Refresh tokens are chained: each is used once, and its answer's new refresh token goes back
-- into the pool. Answers do not say which request they belong to, and need not: the pool is the
-- set of live chain heads, a request takes one from the front, a good answer puts its successor
-- at the back. With more chains than connections a free head is always there.
-- Globals, so that done() can read them from the thread when the run is over.
chain_first, chain_last = 1, 0
local refresh_field

if op ~= "login" then
  pool = read_pool(os.getenv("POOL"))
end
if op == "refresh" then
  chain_pool = pool
  chain_last = #pool
  refresh_field = system == "suite" and '"refreshToken":"([^"]+)"' or '"refresh_token":"([^"]+)"'
end

local function next_token()
  local token = pool[next_index]
  next_index = next_index % #pool + 1
  return token
end

local function take_chain_head()
  if chain_first > chain_last then return "exhausted" end
  local token = pool[chain_first]
  pool[chain_first] = nil
  chain_first = chain_first + 1
  return token
end

local users = tonumber(env("USER_COUNT", "200"))
local user_format = env("USER_FORMAT", "user%d")
local password = env("PASSWORD", "")
local user_index = 0

function init(args)
  -- Each run starts at another user and token, so no run begins on the same hot rows.
  user_index = math.random(users) - 1
  if #pool > 0 and op ~= "refresh" then next_index = math.random(#pool) end
end

local builders = {
  suite = {
    login = function()
      local contact = string.format(user_format, user_index)
      user_index = (user_index + 1) % users
      local body = string.format('{"contact_type":"email","contact":"%s","password":"%s","app_id":"default"}', contact, password)
      return wrk.format("POST", "/auth/v1/login", { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. api_key }, body)
    end,
    refresh = function()
      return wrk.format("POST", "/api/auth/refresh", json_headers, '{"refreshToken":"' .. take_chain_head() .. '"}')
    end,
    validate = function()
      return wrk.format("POST", "/auth/v1/token/validate", { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. api_key },
        '{"token":"' .. next_token() .. '"}')
    end,
    me = function()
      return wrk.format("GET", "/api/auth/me", { ["Authorization"] = "Bearer " .. next_token() })
    end,
  },
  keycloak = {
    login = function()
      local username = string.format(user_format, user_index)
      user_index = (user_index + 1) % users
      return wrk.format("POST", realm .. "/token", form_headers, form({ { "grant_type", "password" }, { "client_id", client_id },
        { "client_secret", client_secret }, { "username", username }, { "password", password } }))
    end,
    refresh = function()
      return wrk.format("POST", realm .. "/token", form_headers, form({ { "grant_type", "refresh_token" }, { "client_id", client_id },
        { "client_secret", client_secret }, { "refresh_token", take_chain_head() } }))
    end,
    validate = function()
      return wrk.format("POST", realm .. "/token/introspect", form_headers, form({ { "client_id", client_id },
        { "client_secret", client_secret }, { "token", next_token() } }))
    end,
    me = function()
      return wrk.format("GET", realm .. "/userinfo", { ["Authorization"] = "Bearer " .. next_token() })
    end,
  },
}

local success_marks = {
  suite = { login = '"access_token"', refresh = '"accessToken"', validate = '"userId"', me = '"id"' },
  keycloak = { login = '"access_token"', refresh = '"access_token"', validate = '"active":true', me = '"sub"' },
}

request = builders[system][op]
local mark = success_marks[system][op]

bad = 0
first_bad = ""
function response(status, headers, body)
  local ok = status == 200 and body ~= nil and string.find(body, mark, 1, true) ~= nil
  if ok and refresh_field then
    local successor = string.match(body, refresh_field)
    if successor then
      chain_last = chain_last + 1
      pool[chain_last] = successor
    else
      ok = false
    end
  end
  if not ok then
    bad = bad + 1
    if first_bad == "" then first_bad = status .. " " .. string.sub(body or "", 1, 160) end
  end
end

local threads = {}
function setup(thread)
  threads[#threads + 1] = thread
end

function done(summary, latency, requests)
  local nbad, sample = 0, ""
  for _, t in ipairs(threads) do
    nbad = nbad + (t:get("bad") or 0)
    local s = t:get("first_bad")
    if s and s ~= "" and sample == "" then sample = s end
  end
  local e = summary.errors
  local socket_errors = e.connect + e.read + e.write + e.timeout
  local seconds = summary.duration / 1e6
  -- RESULT requests seconds good_per_s p50_ms p99_ms bad socket_errors
  io.write(string.format("RESULT\t%d\t%.2f\t%.1f\t%.2f\t%.2f\t%d\t%d\n", summary.requests, seconds,
    (summary.requests - nbad) / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000, nbad + socket_errors,
    socket_errors))
  if sample ~= "" then io.write("FIRST_BAD\t" .. sample:gsub("[\r\n\t]", " ") .. "\n") end
  -- The heads no request took: still unused, so the next run can go on with them. Those taken
  -- by a request that was under way when the run ended are left out: their successors are unknown.
  local out = os.getenv("POOL_OUT")
  if op == "refresh" and out and out ~= "" then
    local f = assert(io.open(out, "w"))
    for _, t in ipairs(threads) do
      local heads, first, last = t:get("chain_pool"), t:get("chain_first"), t:get("chain_last")
      for i = first, last do
        if heads[i] then f:write(heads[i], "\n") end
      end
    end
    f:close()
  end
end
