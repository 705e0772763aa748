# Writes the package's /etc/certdesk/server.conf from docs/server.conf.example (one source for both): the
# example's comments stay, and the values a packaged service needs are set. cmake -DIN=... -DOUT=... -P this.
file(READ "${IN}" text)
function(replace_once from to)
    string(FIND "${text}" "${from}" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "make-conf.cmake: \"${from}\" is no longer in ${IN}")
    endif()
    string(REPLACE "${from}" "${to}" text "${text}")
    set(text "${text}" PARENT_SCOPE)
endfunction()
replace_once("# certdesk-server configuration (certdesk-server --config FILE)\n"
    "# certdesk-server configuration, installed by the certdesk-server package (a conffile: your changes stay).\n# The unit /lib/systemd/system/certdesk-server.service starts `certdesk-server --config` with this file,\n# after `certdesk-server check-config` (exit 0 good, 1 a problem found). Set public_url before the first start.\n#\n")
replace_once(";key_passphrase_file = /etc/certdesk/secrets/issuing-ca.pass"
    "# Under systemd the passphrase comes by LoadCredential=ca-key-passphrase (the unit reads\n# /etc/certdesk/credentials/ca-key-passphrase, mode 0600, and hands it to the service alone).\nkey_passphrase_file = credential:ca-key-passphrase")
replace_once("log_format = text" "log_format = json")
# No made-up address in a CA's certificates: check-config and the start refuse the service until it is set.
replace_once("\npublic_url = https://certdesk.example-ca.cn" "\n;public_url = https://certdesk.example-ca.cn")
file(WRITE "${OUT}" "${text}")
