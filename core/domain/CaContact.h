#pragma once

#include <QString>

namespace certdesk {

// The CA's contact channels, as the CA's guide lists them (联系方式: 人工服务热线, 在线客服 on the website
// and in the WeChat official account). Every message that sends a person to the CA names them from here, so
// that a changed number is changed once.
[[nodiscard]] QString caHotline(); // "400-112-3838"
[[nodiscard]] QString caWebsite(); // "www.szca.com"
[[nodiscard]] QString caWeChatAccount(); // "SZCA6688"
// The whole of it as one translated paragraph, for the home page and the help.
[[nodiscard]] QString caContactText();

} // namespace certdesk
