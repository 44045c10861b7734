-- wrk script: every request carries the access token of the next user in the file named by the
-- TOKENS environment variable (one token a line), round robin, so no single hot token is measured.
local tokens = {}
local next_index = 1

function init(args)
    for line in io.lines(os.getenv("TOKENS")) do
        if #line > 0 then
            tokens[#tokens + 1] = line
        end
    end
    -- Each wrk thread starts at another place in the list.
    next_index = math.random(#tokens)
end

function request()
    local token = tokens[next_index]
    next_index = next_index % #tokens + 1
    return wrk.format("GET", nil, { ["Authorization"] = "Bearer " .. token })
end
