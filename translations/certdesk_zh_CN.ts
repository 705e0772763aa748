<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>certdesk::ApiError</name>
        <message>
            <source>The file is larger than the service accepts, or the application&apos;s documents together would go beyond the service&apos;s limit. Scan it at a lower resolution or compress it, then upload it again.</source>
            <translation>文件超出服务允许的大小，或本申请的材料合计将超出服务的上限。请以较低分辨率扫描或压缩后重新上传。</translation>
        </message>
        <message>
            <source>The certificate service could not be reached. Check the network connection and try again.</source>
            <translation>无法连接证书服务。请检查网络连接后重试。</translation>
        </message>
        <message>
            <source>The certificate service did not answer in time. Wait a moment and try again.</source>
            <translation>证书服务未能及时响应。请稍候再试。</translation>
        </message>
        <message>
            <source>The identity of the certificate service could not be verified, so the connection was closed. Do not continue on this network; call the CA's hotline %1 or use its online service.</source>
            <translation>无法验证证书服务的身份，连接已断开。请勿在当前网络下继续办理，并拨打 CA 服务热线 %1 或联系在线客服。</translation>
        </message>
        <message>
            <source>The certificate service refused the request. Check the information and try again, or call the CA's hotline %1 or use its online service.</source>
            <translation>证书服务拒绝了本次请求。请检查所填信息后重试，或拨打 CA 服务热线 %1 或联系在线客服。</translation>
        </message>
        <message>
            <source>The certificate service sent an answer that CertDesk does not understand. Update CertDesk or call the CA's hotline %1 or use its online service.</source>
            <translation>证书服务返回了证书服务台无法识别的内容。请更新证书服务台，或拨打 CA 服务热线 %1 或联系在线客服。</translation>
        </message>
        <message>
            <source>The request was cancelled.</source>
            <translation>请求已取消。</translation>
        </message>
        <message>
            <source>Your sign-in has expired or is not valid. Sign in again.</source>
            <translation>登录已过期或无效，请重新登录。</translation>
        </message>
        <message>
            <source>Your account is not allowed to do this. Ask a colleague with the right role.</source>
            <translation>您的账号无权执行此操作，请联系具有相应权限的同事办理。</translation>
        </message>
        <message>
            <source>The certificate service does not know this record. Check the number you entered.</source>
            <translation>证书服务中没有找到该记录，请核对您输入的号码。</translation>
        </message>
        <message>
            <source>This certificate cannot be renewed now. See the reason shown, or call the CA's hotline %1 or use its online service.</source>
            <translation>该证书目前不能办理续期，请查看所示原因，或拨打 CA 服务热线 %1 或联系在线客服。</translation>
        </message>
        <message>
            <source>The application has changed in the meantime and this step is not possible now. Reload the application and try again.</source>
            <translation>申请状态已发生变化，当前无法执行此步骤。请刷新申请后重试。</translation>
        </message>
        <message>
            <source>The file type is not accepted. Upload a JPG, BMP, GIF, PNG or PDF file.</source>
            <translation>不支持该文件类型，请上传 JPG、BMP、GIF、PNG 或 PDF 文件。</translation>
        </message>
        <message>
            <source>Some information is not valid. Correct the marked fields and try again.</source>
            <translation>部分信息有误，请修改标出的项目后重试。</translation>
        </message>
        <message>
            <source>The service could not accept this content. Check it and try again.</source>
            <translation>服务无法受理该内容，请检查后重试。</translation>
        </message>
        <message>
            <source>Too many requests in a short time. Wait a minute and try again.</source>
            <translation>短时间内请求过于频繁，请稍等一分钟后再试。</translation>
        </message>
        <message>
            <source>The certificate service has a temporary problem. Try again later; if it persists, call the CA's hotline %1 or use its online service.</source>
            <translation>证书服务暂时出现故障，请稍后再试；如问题持续，请拨打 CA 服务热线 %1 或联系在线客服。</translation>
        </message>
    </context>
    <context>
        <name>certdesk::App</name>
        <message>
            <source>The file %1 given with --server-ca holds no PEM certificate (or cannot be read).</source>
            <translation>--server-ca 指定的文件 %1 中没有 PEM 格式的证书（或无法读取）。</translation>
        </message>
        <message>
            <source>CertDesk</source>
            <translation>证书服务台</translation>
        </message>
    </context>
    <context>
        <name>certdesk::Category</name>
        <message>
            <source>Institution certificate</source>
            <translation>机构证书</translation>
        </message>
        <message>
            <source>Institution business certificate</source>
            <translation>机构业务证书</translation>
        </message>
        <message>
            <source>Institution personal certificate</source>
            <translation>机构个人证书</translation>
        </message>
        <message>
            <source>Natural person certificate</source>
            <translation>自然人证书</translation>
        </message>
    </context>
    <context>
        <name>certdesk::Centre</name>
        <message>
            <source>Enter information</source>
            <translation>录入信息</translation>
        </message>
        <message>
            <source>Print application form</source>
            <translation>打印申请表</translation>
        </message>
        <message>
            <source>Upload documents</source>
            <translation>上传资料</translation>
        </message>
        <message>
            <source>Identity check</source>
            <translation>身份认证</translation>
        </message>
        <message>
            <source>Online payment</source>
            <translation>在线支付</translation>
        </message>
        <message>
            <source>CA review</source>
            <translation>审核</translation>
        </message>
        <message>
            <source>Mailing</source>
            <translation>邮寄</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>办理完成</translation>
        </message>
    </context>
    <context>
        <name>certdesk::Checklist</name>
        <message>
            <source>Only when the name or ID number differs from the old certificate: the public security bureau&apos;s certificate of the change.</source>
            <translation>仅当姓名或身份证号码与原证书不一致时提交：公安机关出具的变更证明。</translation>
        </message>
        <message>
            <source>Only when the organisation&apos;s name or credential number differs from the old certificate: the market regulator&apos;s change registration notice, stamped with the official seal.</source>
            <translation>仅当机构名称或证件号码与原证书不一致时提交：市场监督管理部门出具的变更登记通知书，加盖单位公章。</translation>
        </message>
        <message>
            <source>Proof of the holder&apos;s change</source>
            <translation>持有人变更证明</translation>
        </message>
        <message>
            <source>Submitted: documents, identity check and payment to complete</source>
            <translation>已提交，待上传资料、身份认证和支付</translation>
        </message>
        <message>
            <source>Awaiting CA review</source>
            <translation>等待 CA 审核</translation>
        </message>
        <message>
            <source>Rejected: changes needed</source>
            <translation>审核驳回，请修改</translation>
        </message>
        <message>
            <source>Approved: certificate being issued</source>
            <translation>审核通过，正在制证</translation>
        </message>
        <message>
            <source>Issued: new UKey written</source>
            <translation>已制证，新 UKey 已写入</translation>
        </message>
        <message>
            <source>Shipped: UKey on its way</source>
            <translation>已寄出，请留意快递信息</translation>
        </message>
        <message>
            <source>Completed</source>
            <translation>已完成</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>已取消</translation>
        </message>
        <message>
            <source>Organisation application form</source>
            <translation>申请表</translation>
        </message>
        <message>
            <source>Application form</source>
            <translation>申请表</translation>
        </message>
        <message>
            <source>Business licence scan</source>
            <translation>营业执照扫描件</translation>
        </message>
        <message>
            <source>Electronic seal collection form</source>
            <translation>电子印章采集表</translation>
        </message>
        <message>
            <source>ID card scan</source>
            <translation>身份证扫描件</translation>
        </message>
        <message>
            <source>Print the application form and sign it by hand.</source>
            <translation>打印申请表，申请人本人手写签名。</translation>
        </message>
        <message>
            <source>Both sides of the agent's ID card, stamped with the official seal.</source>
            <translation>经办人身份证正反面扫描件，需加盖单位实体公章。</translation>
        </message>
        <message>
            <source>Both sides of the applicant's ID card.</source>
            <translation>申请人身份证正反面扫描件。</translation>
        </message>
        <message>
            <source>Print the application form, stamp it with the organisation's official seal and have the agent sign it by hand.</source>
            <translation>打印申请表，加盖单位实体公章和经办人手写签名。</translation>
        </message>
        <message>
            <source>Scan or photograph the original business licence (or its copy stamped with the official seal). It must be complete and clearly legible and must not be edited in any way.</source>
            <translation>请将营业执照原件（或加盖公章的复印件）扫描或拍照上传，须完整、清晰可见，不得做任何修改。</translation>
        </message>
        <message>
            <source>Download the electronic seal collection form template, stamp it and upload the scan.</source>
            <translation>请下载电子印章采集表模板，加盖单位实体公章后扫描上传。</translation>
        </message>
        <message>
            <source>Download the electronic seal collection form template, sign it and upload the scan.</source>
            <translation>请下载电子印章采集表模板，签名后扫描上传。</translation>
        </message>
    </context>
    <context>
        <name>certdesk::Cli</name>
        <message>
            <source>The file %1 given with --server-ca holds no PEM certificate (or cannot be read).</source>
            <translation>--server-ca 指定的文件 %1 中没有 PEM 格式的证书（或无法读取）。</translation>
        </message>
        <message>
            <source>PEM file with the CA certificate(s) the service&apos;s TLS certificate must chain to (instead of the system&apos;s roots).</source>
            <translation>PEM 文件，内含服务 TLS 证书必须链接到的 CA 证书（代替系统根证书）。</translation>
        </message>
        <message>
            <source>Usage: certdesk-cli [--lang zh_CN|en] &lt;command&gt; [options]</source>
            <translation>用法：certdesk-cli [--lang zh_CN|en] &lt;命令&gt; [选项]</translation>
        </message>
        <message>
            <source>Commands:</source>
            <translation>命令：</translation>
        </message>
        <message>
            <source>List the UKeys in the slots of PKCS#11 modules.</source>
            <translation>列出 PKCS#11 模块各插槽中的 UKey。</translation>
        </message>
        <message>
            <source>Show one UKey: PIN state, vendor profile, certificates and keys.</source>
            <translation>显示一个 UKey 的信息：PIN 码状态、厂商配置、证书和密钥。</translation>
        </message>
        <message>
            <source>Program a blank UKey for an approved application.</source>
            <translation>为审核通过的申请制作一个空白 UKey。</translation>
        </message>
        <message>
            <source>Save the application's authorization letter as PDF.</source>
            <translation>将申请的申请表保存为 PDF。</translation>
        </message>
        <message>
            <source>"certdesk-cli &lt;command&gt; --help" describes a command's options.</source>
            <translation>“certdesk-cli &lt;命令&gt; --help”可查看该命令的选项。</translation>
        </message>
        <message>
            <source>Secrets are never taken from the command line: the PIN and the staff password are asked for without echo, or read from CERTDESK_PIN, CERTDESK_STAFF_USER and CERTDESK_STAFF_PASSWORD.</source>
            <translation>密码类信息从不通过命令行传入：PIN 码和工作人员密码将以不回显的方式提示输入，或从 CERTDESK_PIN、CERTDESK_STAFF_USER 和 CERTDESK_STAFF_PASSWORD 环境变量读取。</translation>
        </message>
        <message>
            <source>Exit codes: 0 success, 1 other failure, 2 usage error, 3 service error, 4 UKey or driver error.</source>
            <translation>退出码：0 成功，1 其他失败，2 用法错误，3 服务错误，4 UKey 或驱动错误。</translation>
        </message>
        <message>
            <source>Language of the messages: zh_CN (default) or en.</source>
            <translation>提示信息的语言：zh_CN（默认）或 en。</translation>
        </message>
        <message>
            <source>Usage: %1 [options]</source>
            <translation>用法：%1 [选项]</translation>
        </message>
        <message>
            <source>Unexpected argument: %1</source>
            <translation>多余的参数：%1</translation>
        </message>
        <message>
            <source>See "%1 --help".</source>
            <translation>请参阅“%1 --help”。</translation>
        </message>
        <message>
            <source>The option --%1 is required.</source>
            <translation>必须提供选项 --%1。</translation>
        </message>
        <message>
            <source>Unknown option: %1</source>
            <translation>未知选项：%1</translation>
        </message>
        <message>
            <source>Unknown command: %1 %2</source>
            <translation>未知命令：%1 %2</translation>
        </message>
        <message>
            <source>Saves the authorization letter of an application as PDF, filled from the application on the service. The access token may also come from CERTDESK_ACCESS_TOKEN.</source>
            <translation>按服务中的申请信息填写申请表并保存为 PDF。访问令牌也可从 CERTDESK_ACCESS_TOKEN 环境变量读取。</translation>
        </message>
        <message>
            <source>Counter service base URL, e.g. https://counter.example.cn.</source>
            <translation>柜台服务地址，例如 https://counter.example.cn。</translation>
        </message>
        <message>
            <source>Application ID.</source>
            <translation>申请编号。</translation>
        </message>
        <message>
            <source>The application's access token.</source>
            <translation>该申请的访问令牌。</translation>
        </message>
        <message>
            <source>PDF file to write.</source>
            <translation>要写入的 PDF 文件。</translation>
        </message>
        <message>
            <source>The server URL is not an http or https URL: %1</source>
            <translation>服务地址不是 http 或 https 地址：%1</translation>
        </message>
        <message>
            <source>The application could not be read: %1</source>
            <translation>无法读取该申请：%1</translation>
        </message>
        <message>
            <source>Letter saved: %1</source>
            <translation>申请表已保存：%1</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>是</translation>
        </message>
        <message>
            <source>no</source>
            <translation>否</translation>
        </message>
        <message>
            <source>locked</source>
            <translation>已锁定</translation>
        </message>
        <message>
            <source>one try left</source>
            <translation>仅剩一次机会</translation>
        </message>
        <message>
            <source>few tries left</source>
            <translation>剩余次数不多</translation>
        </message>
        <message>
            <source>not set</source>
            <translation>未设置</translation>
        </message>
        <message>
            <source>ok</source>
            <translation>正常</translation>
        </message>
        <message>
            <source>must be changed</source>
            <translation>需要修改</translation>
        </message>
        <message>
            <source>PIN pad</source>
            <translation>PIN 码键盘</translation>
        </message>
        <message>
            <source>PKCS#11 module (UKey driver) file.</source>
            <translation>PKCS#11 模块（UKey 驱动）文件。</translation>
        </message>
        <message>
            <source>Label of the UKey.</source>
            <translation>UKey 的标签。</translation>
        </message>
        <message>
            <source>Serial number of the UKey, when several UKeys carry the same label.</source>
            <translation>UKey 的序列号（多个 UKey 标签相同时使用）。</translation>
        </message>
        <message>
            <source>Cancelling: removing what was written ...</source>
            <translation>正在取消：清除已写入的内容……</translation>
        </message>
        <message>
            <source>Lists the UKeys in the slots of PKCS#11 modules. Without --module, the modules installed on this computer are used.</source>
            <translation>列出 PKCS#11 模块各插槽中的 UKey。未指定 --module 时，使用本机已安装的模块。</translation>
        </message>
        <message>
            <source>No UKey driver (PKCS#11 module) is installed. Install the UKey vendor's driver or name one with --module.</source>
            <translation>本机未安装 UKey 驱动（PKCS#11 模块）。请安装 UKey 厂商的驱动程序，或用 --module 指定。</translation>
        </message>
        <message>
            <source>Module %1 (%2)</source>
            <translation>模块 %1（%2）</translation>
        </message>
        <message>
            <source>no UKey inserted</source>
            <translation>未插入 UKey</translation>
        </message>
        <message>
            <source>(blank UKey, not initialized)</source>
            <translation>（空白 UKey，尚未初始化）</translation>
        </message>
        <message>
            <source>serial %1</source>
            <translation>序列号 %1</translation>
        </message>
        <message>
            <source>PIN: %1</source>
            <translation>PIN 码：%1</translation>
        </message>
        <message>
            <source>profile: %1</source>
            <translation>厂商配置：%1</translation>
        </message>
        <message>
            <source>Shows one UKey: its PIN state, the vendor profile CertDesk uses for it, and the certificates and public keys on it (no PIN is needed).</source>
            <translation>显示一个 UKey 的信息：PIN 码状态、CertDesk 对其使用的厂商配置，以及其中的证书和公钥（无需 PIN 码）。</translation>
        </message>
        <message>
            <source>UKey: "%1"</source>
            <translation>UKey：“%1”</translation>
        </message>
        <message>
            <source>Serial number: %1</source>
            <translation>序列号：%1</translation>
        </message>
        <message>
            <source>Manufacturer: %1, model: %2</source>
            <translation>厂商：%1，型号：%2</translation>
        </message>
        <message>
            <source>Module: %1</source>
            <translation>模块：%1</translation>
        </message>
        <message>
            <source>%1 to %2 characters</source>
            <translation>%1 至 %2 个字符</translation>
        </message>
        <message>
            <source>Vendor profile: %1 (SM2 keys generated on the UKey: %2; SM2 signing on the UKey: %3)</source>
            <translation>厂商配置：%1（在 UKey 内生成 SM2 密钥：%2；在 UKey 内进行 SM2 签名：%3）</translation>
        </message>
        <message>
            <source>Certificates: %1</source>
            <translation>证书：%1 个</translation>
        </message>
        <message>
            <source>valid %1 to %2</source>
            <translation>有效期 %1 至 %2</translation>
        </message>
        <message>
            <source>issuer %1</source>
            <translation>颁发者 %1</translation>
        </message>
        <message>
            <source>Public keys: %1</source>
            <translation>公钥：%1 个</translation>
        </message>
        <message>
            <source>verify</source>
            <translation>验签</translation>
        </message>
        <message>
            <source>encrypt</source>
            <translation>加密</translation>
        </message>
        <message>
            <source>Programs a blank UKey for an approved application: signs in as counter staff, has the CA issue the SM2 signing and encryption certificates, writes and verifies them, and confirms the issuance. On any failure nothing is left on the UKey and the application stays approved.</source>
            <translation>为审核通过的申请制作空白 UKey：以柜台工作人员身份登录，由 CA 签发 SM2 签名证书和加密证书，写入并校验后确认签发。任一步骤失败时，UKey 中不会留下任何内容，申请仍为审核通过状态。</translation>
        </message>
        <message>
            <source>The staff user and password are asked for, or read from CERTDESK_STAFF_USER and CERTDESK_STAFF_PASSWORD; the UKey PIN is asked for, or read from CERTDESK_PIN (empty on a PIN-pad reader).</source>
            <translation>工作人员账号和密码将提示输入，或从 CERTDESK_STAFF_USER 和 CERTDESK_STAFF_PASSWORD 读取；UKey PIN 码将提示输入，或从 CERTDESK_PIN 读取（使用 PIN 码键盘读卡器时留空）。</translation>
        </message>
        <message>
            <source>Application ID (approved).</source>
            <translation>申请编号（审核通过）。</translation>
        </message>
        <message>
            <source>PEM file with the CA root certificate(s) the issued chain must end in (default: the root the service sends).</source>
            <translation>包含 CA 根证书的 PEM 文件，签发的证书链必须以其为根（默认：服务返回的根证书）。</translation>
        </message>
        <message>
            <source>Vendor profile to use instead of the matched one.</source>
            <translation>指定使用的厂商配置，代替自动匹配的配置。</translation>
        </message>
        <message>
            <source>The CA file cannot be read: %1</source>
            <translation>无法读取 CA 文件：%1</translation>
        </message>
        <message>
            <source>The CA file holds no PEM certificate: %1</source>
            <translation>CA 文件中没有 PEM 证书：%1</translation>
        </message>
        <message>
            <source>Staff user: </source>
            <translation>工作人员账号：</translation>
        </message>
        <message>
            <source>Staff password: </source>
            <translation>工作人员密码：</translation>
        </message>
        <message>
            <source>No staff user and password were given.</source>
            <translation>未提供工作人员账号和密码。</translation>
        </message>
        <message>
            <source>Staff sign-in failed: %1</source>
            <translation>工作人员登录失败：%1</translation>
        </message>
        <message>
            <source>This staff account may not issue certificates (it has no counter role).</source>
            <translation>该工作人员账号无权签发证书（没有柜台角色）。</translation>
        </message>
        <message>
            <source>PIN of the UKey "%1" (empty on a PIN-pad reader): </source>
            <translation>UKey“%1”的 PIN 码（使用 PIN 码键盘读卡器时留空）：</translation>
        </message>
        <message>
            <source>No UKey PIN was given.</source>
            <translation>未提供 UKey PIN 码。</translation>
        </message>
    </context>
    <context>
        <name>certdesk::Documents</name>
        <message>
            <source>Cancelled.</source>
            <translation>已取消。</translation>
        </message>
        <message>
            <source>The file could not be read. Check that it still exists and that you may open it, then choose it again.</source>
            <translation>无法读取该文件，请确认文件仍然存在且有权限打开，然后重新选择。</translation>
        </message>
        <message>
            <source>The file is empty. Choose the scan or photo of the document.</source>
            <translation>该文件为空，请选择资料的扫描件或照片。</translation>
        </message>
        <message>
            <source>The file is far too large for a document scan (over %1 MB). Scan the document again at 200 to 300 dpi.</source>
            <translation>该文件过大（超过%1 MB），不像资料扫描件，请以200至300 dpi重新扫描。</translation>
        </message>
        <message>
            <source>This file is not a picture or a PDF, whatever its name says (it may be a program or another kind of file). Choose a JPG, JPEG, PNG, BMP or GIF picture or a PDF of the document.</source>
            <translation>该文件不是图片或PDF文件（无论文件名如何，其内容可能是程序或其他类型的文件），请选择资料的jpg、jpeg、png、bmp、gif格式图片或PDF文件。</translation>
        </message>
        <message>
            <source>The file's name does not match its content (for example a PDF named .jpg). Save the document again in its real format and choose that file.</source>
            <translation>文件扩展名与文件内容不符（例如PDF文件被命名为.jpg），请按实际格式重新保存后再选择该文件。</translation>
        </message>
        <message>
            <source>The picture cannot be opened: the file is damaged or incomplete. Scan or photograph the document again.</source>
            <translation>图片无法打开，文件已损坏或不完整，请重新扫描或拍照。</translation>
        </message>
        <message>
            <source>The picture has more than 50 million pixels. Scan the document at 200 to 300 dpi, or take the photo at a lower resolution.</source>
            <translation>图片像素超过5000万，请以200至300 dpi扫描资料，或降低拍照分辨率。</translation>
        </message>
        <message>
            <source>The PDF is damaged or incomplete. Save or scan the document again.</source>
            <translation>PDF文件已损坏或不完整，请重新保存或扫描资料。</translation>
        </message>
        <message>
            <source>The PDF is larger than %1 MB. Scan the document at a lower resolution, or upload a picture instead.</source>
            <translation>PDF文件大小超过%1 MB，请降低扫描分辨率，或改为上传图片。</translation>
        </message>
        <message>
            <source>The picture cannot be made smaller than %1 MB and still be legible. Scan the document again in black and white or at a lower resolution.</source>
            <translation>无法在保证清晰可辨的前提下将图片压缩到%1 MB以内，请改用黑白模式或较低分辨率重新扫描。</translation>
        </message>
        <message>
            <source>No scanner was found. Connect the scanner, switch it on and try again.</source>
            <translation>未找到扫描仪，请连接并打开扫描仪后重试。</translation>
        </message>
        <message>
            <source>The scanner is busy. Wait until it has finished, then try again.</source>
            <translation>扫描仪正忙，请等待其完成后重试。</translation>
        </message>
        <message>
            <source>The paper is jammed in the scanner. Remove it and scan again.</source>
            <translation>扫描仪卡纸，请取出纸张后重新扫描。</translation>
        </message>
        <message>
            <source>There is no paper in the document feeder. Put the document in and scan again.</source>
            <translation>进纸器中没有纸张，请放入资料后重新扫描。</translation>
        </message>
        <message>
            <source>The scanner cover is open. Close it and scan again.</source>
            <translation>扫描仪盖板未关闭，请盖好后重新扫描。</translation>
        </message>
        <message>
            <source>This computer may not use the scanner. Ask the administrator for access to the scanner.</source>
            <translation>本机无权使用该扫描仪，请联系管理员开通扫描仪使用权限。</translation>
        </message>
        <message>
            <source>The scan failed. Check the scanner and its cable, then try again.</source>
            <translation>扫描失败，请检查扫描仪及其连接线后重试。</translation>
        </message>
        <message>
            <source>The scanner stopped responding and the scan was stopped. Switch the scanner off and on again, then scan again. If this keeps happening, call the hotline %1.</source>
            <translation>扫描仪没有响应，本次扫描已停止。请关闭扫描仪再打开，然后重新扫描；如果反复出现，请拨打服务热线 %1。</translation>
        </message>
        <message>
            <source>The scanner's driver stopped unexpectedly; nothing you entered was lost. Scan again. If this keeps happening, reinstall the scanner's driver or call the hotline %1.</source>
            <translation>扫描仪驱动程序意外退出，您填写的内容没有丢失。请重新扫描；如果反复出现，请重新安装扫描仪驱动程序，或拨打服务热线 %1。</translation>
        </message>
    </context>
    <context>
        <name>certdesk::IdCard</name>
        <message>
            <source>The ID card was read.</source>
            <translation>身份证已读取。</translation>
        </message>
        <message>
            <source>No ID card reader was found. Check that the reader is connected and its driver installed, or type the name and ID number.</source>
            <translation>未找到身份证阅读器。请检查阅读器是否已连接、驱动是否已安装，或手工输入姓名和身份证号码。</translation>
        </message>
        <message>
            <source>No ID card on the reader. Place the ID card flat on the reader and try again.</source>
            <translation>阅读器上没有身份证。请将身份证平放在阅读器上，然后重试。</translation>
        </message>
        <message>
            <source>The ID card could not be read. Leave the card on the reader until it has been read, then try again.</source>
            <translation>未能读取身份证。请将身份证放在阅读器上直至读取完成，然后重试。</translation>
        </message>
        <message>
            <source>The reader returned data that is not a valid ID card record. Try again, or type the name and ID number.</source>
            <translation>阅读器返回的数据不是有效的身份证信息。请重试，或手工输入姓名和身份证号码。</translation>
        </message>
        <message>
            <source>This card is not a resident ID card. Type the name and ID number instead.</source>
            <translation>此证件不是居民身份证。请手工输入姓名和身份证号码。</translation>
        </message>
        <message>
            <source>The ID card reader does not respond. Reconnect it and try again, or type the name and ID number.</source>
            <translation>身份证阅读器没有响应。请重新连接后重试，或手工输入姓名和身份证号码。</translation>
        </message>
        <message>
            <source>The ID card could not be read because of an internal error.</source>
            <translation>由于内部错误，未能读取身份证。</translation>
        </message>
        <message>
            <source>The ID card reader's driver failed. Reconnect the reader and try again, or type the name and ID number.</source>
            <translation>身份证阅读器驱动程序出错。请重新连接阅读器后重试，或手工输入姓名和身份证号码。</translation>
        </message>
    </context>
    <context>
        <name>certdesk::Issuance</name>
        <message>
            <source>Connect to the service and the UKey</source>
            <translation>连接服务与 UKey</translation>
        </message>
        <message>
            <source>Log in to the UKey with its PIN</source>
            <translation>使用 PIN 码登录 UKey</translation>
        </message>
        <message>
            <source>Prepare the keys</source>
            <translation>准备密钥</translation>
        </message>
        <message>
            <source>Request the certificates from the CA</source>
            <translation>向 CA 申请签发证书</translation>
        </message>
        <message>
            <source>Unpack the keys sent by the CA</source>
            <translation>解开 CA 下发的密钥</translation>
        </message>
        <message>
            <source>Write the keys and certificates to the UKey</source>
            <translation>将密钥和证书写入 UKey</translation>
        </message>
        <message>
            <source>Verify the UKey and the certificates</source>
            <translation>校验 UKey 与证书</translation>
        </message>
        <message>
            <source>Confirm the issuance to the CA</source>
            <translation>向 CA 确认签发</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>完成</translation>
        </message>
        <message>
            <source>Sign in as counter staff first.</source>
            <translation>请先以柜台工作人员身份登录。</translation>
        </message>
        <message>
            <source>The application could not be read from the service: %1</source>
            <translation>无法从服务读取该申请：%1</translation>
        </message>
        <message>
            <source>This application is "%1": only an approved application that has not been issued yet can be programmed onto a UKey.</source>
            <translation>该申请当前状态为“%1”：只有审核通过且尚未签发的申请才能写入 UKey。</translation>
        </message>
        <message>
            <source>The CA did not issue the certificates: %1</source>
            <translation>CA 未签发证书：%1</translation>
        </message>
        <message>
            <source>The CA did not confirm the issuance: %1</source>
            <translation>CA 未确认签发：%1</translation>
        </message>
        <message>
            <source>The CA could not be reached to confirm the issuance, so the new keys and certificates were removed from the UKey again.</source>
            <translation>无法连接 CA 确认签发，已将新写入的密钥和证书从 UKey 中删除。</translation>
        </message>
        <message>
            <source>The UKey is programmed: the signing and encryption certificates were written, verified and confirmed by the CA.</source>
            <translation>UKey 制作完成：签名证书和加密证书已写入、校验通过，并已由 CA 确认。</translation>
        </message>
        <message>
            <source>The certificates or keys sent by the CA did not pass the check: %1 Call the CA&apos;s hotline %2 before trying again.</source>
            <translation>CA 下发的证书或密钥未通过校验：%1 请先拨打 CA 服务热线 %2，再重新制作。</translation>
        </message>
        <message>
            <source>CertDesk cannot save its progress file, so nothing was written to the UKey. Check the free disk space and try again.</source>
            <translation>CertDesk 无法保存进度文件，因此未向 UKey 写入任何内容。请检查磁盘剩余空间后重试。</translation>
        </message>
        <message>
            <source>Part of this attempt may still be on the UKey: plug it in again and program it again; CertDesk removes those parts first.</source>
            <translation>本次写入的部分内容可能仍留在 UKey 中：请重新插入 UKey 并再次制作，CertDesk 会先将其清除。</translation>
        </message>
        <message>
            <source>Nothing was left on the new UKey and the application is still approved: fix the problem and program the UKey again.</source>
            <translation>新 UKey 中没有留下任何内容，申请仍为审核通过状态：请排除问题后重新制作 UKey。</translation>
        </message>
    </context>
    <context>
        <name>certdesk::Pki</name>
        <message>
            <source>The operation succeeded.</source>
            <translation>操作成功。</translation>
        </message>
        <message>
            <source>The certificate or key data is damaged or in an unexpected format.</source>
            <translation>证书或密钥数据已损坏或格式不正确。</translation>
        </message>
        <message>
            <source>The signature is not valid. The data may have been changed or signed with another key.</source>
            <translation>签名无效。数据可能已被改动，或由其他密钥签名。</translation>
        </message>
        <message>
            <source>The data could not be decrypted with this key. It may be meant for another key.</source>
            <translation>无法用此密钥解密数据，数据可能是发给其他密钥的。</translation>
        </message>
        <message>
            <source>The private key does not match the public key or certificate.</source>
            <translation>私钥与公钥或证书不匹配。</translation>
        </message>
        <message>
            <source>This key type or algorithm is not supported.</source>
            <translation>不支持此密钥类型或算法。</translation>
        </message>
        <message>
            <source>An internal cryptography error occurred. Please try again; if it persists, call the CA&apos;s hotline %1.</source>
            <translation>发生内部密码运算错误。请重试；如问题持续，请拨打 CA 服务热线 %1。</translation>
        </message>
    </context>
    <context>
        <name>certdesk::Print</name>
        <message>
            <source>CNY %1</source>
            <comment>an amount in yuan</comment>
            <translation>¥%1元</translation>
        </message>
        <message>
            <source>Authorization Letter for Certificate Algorithm Upgrade</source>
            <translation>证书算法升级申请表</translation>
        </message>
        <message>
            <source>Application Form for Certificate Algorithm Upgrade</source>
            <translation>证书算法升级申请表</translation>
        </message>
        <message>
            <source>%1 (fields marked * are required)</source>
            <translation>%1（带*为必填项）</translation>
        </message>
        <message>
            <source>Certificate information</source>
            <translation>证书信息</translation>
        </message>
        <message>
            <source>Business type</source>
            <translation>业务类型</translation>
        </message>
        <message>
            <source>Renewal + certificate algorithm upgrade</source>
            <translation>续期+证书算法升级</translation>
        </message>
        <message>
            <source>Renewal period</source>
            <translation>续期年限</translation>
        </message>
        <message numerus="yes">
            <source>%n year(s)</source>
            <translation>
                <numerusform>%n年</numerusform>
            </translation>
        </message>
        <message>
            <source>Certificate fee</source>
            <translation>证书费用</translation>
        </message>
        <message>
            <source>Express fee</source>
            <translation>快递费用</translation>
        </message>
        <message>
            <source>Declaration of the applying organisation</source>
            <translation>申请单位声明</translation>
        </message>
        <message>
            <source>This organisation authorises the agent named above to apply for and use the digital certificate, promises that the information filled in and the supporting documents submitted are true, and has carefully read and agrees to all provisions of the %1 Electronic Certification Service Agreement; in case of any violation, it accepts all consequences and bears the related legal liability.</source>
            <translation>本单位授权上述业务经办人办理和使用数字证书，本单位承诺所填写的内容和提交的证明材料真实，并已认真阅读且同意接受《%1电子认证服务协议》的各项内容之规定，如有违反，愿意承担由此引起的一切后果及承担相关法律责任。</translation>
        </message>
        <message>
            <source>Declaration of the applicant</source>
            <translation>申请声明</translation>
        </message>
        <message>
            <source>I promise that the information filled in and the supporting documents submitted are true, and I have carefully read and agree to all provisions of the %1 Electronic Certification Service Agreement; in case of any violation, I accept all consequences and bear the related legal liability.</source>
            <translation>本人承诺所填写的内容和提交的证明材料真实，并已认真阅读且同意接受《%1电子认证服务协议》的各项内容之规定，如有违反，愿意承担由此引起的一切后果及承担相关法律责任。</translation>
        </message>
        <message>
            <source>Electronic Seal Collection Form</source>
            <translation>电子印章采集表</translation>
        </message>
        <message>
            <source>Seal impressions</source>
            <translation>印模采集</translation>
        </message>
        <message>
            <source>Stamp the organisation's official seal inside each box below: complete, clear, within the box and not retouched.</source>
            <translation>请在下方每个方框内加盖单位实体公章，印模须完整、清晰，不得超出方框，不得涂改。</translation>
        </message>
        <message>
            <source>Signature samples</source>
            <translation>签名采集</translation>
        </message>
        <message>
            <source>Sign your full name inside each box below with a black pen: clear, complete and within the box.</source>
            <translation>请用黑色签字笔在下方每个方框内签署本人姓名，字迹须清晰、完整，不得超出方框。</translation>
        </message>
        <message>
            <source>%1:</source>
            <comment>a label followed by a colon</comment>
            <translation>%1：</translation>
        </message>
        <message>
            <source>Seal impression 1</source>
            <translation>印模一</translation>
        </message>
        <message>
            <source>Signature 1</source>
            <translation>签名一</translation>
        </message>
        <message>
            <source>Seal impression 2</source>
            <translation>印模二</translation>
        </message>
        <message>
            <source>Signature 2</source>
            <translation>签名二</translation>
        </message>
        <message>
            <source>This organisation confirms that the impressions above were made with its genuine official seal, agrees that %1 makes its electronic seal from them, and bears the related legal liability.</source>
            <translation>本单位确认上述印模为本单位真实有效的公章印模，同意%1据此制作电子印章，并承担由此产生的相关法律责任。</translation>
        </message>
        <message>
            <source>I confirm that the signatures above are in my own hand, agree that %1 makes my electronic signature from them, and bear the related legal liability.</source>
            <translation>本人确认上述签名为本人亲笔签署，同意%1据此制作电子签名，并承担由此产生的相关法律责任。</translation>
        </message>
        <message>
            <source>The form can be printed once the application has been submitted and has an order number.</source>
            <translation>申请提交并生成订单编号后才能打印此表。</translation>
        </message>
        <message>
            <source>The PDF file could not be written. Choose another folder or file name and try again.</source>
            <translation>无法保存PDF文件，请选择其他文件夹或文件名后重试。</translation>
        </message>
        <message>
            <source>The form could not be printed. Check that the printer is ready and try again.</source>
            <translation>无法打印此表，请检查打印机是否就绪后重试。</translation>
        </message>
        <message>
            <source>Shenzhen Electronic Commerce Security Certificate Management Co., Ltd.</source>
            <translation>深圳市电子商务安全证书管理有限公司</translation>
        </message>
        <message>
            <source>%2/%3/%1</source>
            <comment>date: %1 year, %2 month, %3 day</comment>
            <translation>%1 年 %2 月 %3 日</translation>
        </message>
        <message>
            <source>Order No.</source>
            <translation>订单编号</translation>
        </message>
        <message>
            <source>Print on A4 paper. The QR code identifies this application for the CA's review; do not cover it.</source>
            <translation>请使用A4纸打印。二维码用于审核时识别本申请，请勿遮盖。</translation>
        </message>
        <message>
            <source>Organisation information</source>
            <translation>单位信息</translation>
        </message>
        <message>
            <source>Organisation name</source>
            <translation>机构名称</translation>
        </message>
        <message>
            <source>Organisation credential number</source>
            <translation>机构证件号码</translation>
        </message>
        <message>
            <source>Organisation address</source>
            <translation>单位地址</translation>
        </message>
        <message>
            <source>Agent information</source>
            <translation>经办人信息</translation>
        </message>
        <message>
            <source>Agent name</source>
            <translation>经办人姓名</translation>
        </message>
        <message>
            <source>Contact phone</source>
            <translation>联系电话</translation>
        </message>
        <message>
            <source>ID card number</source>
            <translation>身份证号码</translation>
        </message>
        <message>
            <source>Contact e-mail</source>
            <translation>常用联系邮箱</translation>
        </message>
        <message>
            <source>Applicant information</source>
            <translation>申请人信息</translation>
        </message>
        <message>
            <source>Applicant name</source>
            <translation>申请人姓名</translation>
        </message>
        <message>
            <source>Date of application</source>
            <translation>申请日期</translation>
        </message>
        <message>
            <source>Official seal of the organisation</source>
            <translation>单位公章</translation>
        </message>
        <message>
            <source>Signature of the agent</source>
            <translation>经办人签字</translation>
        </message>
        <message>
            <source>Signature of the applicant</source>
            <translation>申请人签名</translation>
        </message>
        <message>
            <source>Mailing label</source>
            <translation>邮寄标签</translation>
        </message>
        <message>
            <source>Address</source>
            <translation>地址</translation>
        </message>
        <message>
            <source>Recipient</source>
            <translation>收件人</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <source>Sender</source>
            <translation>寄件人</translation>
        </message>
        <message>
            <source>Contents</source>
            <translation>内件</translation>
        </message>
        <message>
            <source>certificate UKey × 1</source>
            <translation>证书 UKey × 1</translation>
        </message>
    </context>
    <context>
        <name>certdesk::Server</name>
        <message>
            <source>The documents of one application may take %1 MiB together; this file would go beyond that. Make the scans smaller (lower resolution, JPEG) and upload again.</source>
            <translation>每个申请的材料合计不得超过 %1 MiB，上传此文件将超出上限。请缩小扫描件（降低分辨率、使用 JPEG 格式）后重新上传。</translation>
        </message>
        <message>
            <source>Too many connections from this address at once; close some and try again.</source>
            <translation>来自此地址的同时连接过多，请关闭部分连接后重试。</translation>
        </message>
        <message>
            <source>The holder differs from the old certificate&apos;s but no proof of the change was uploaded: reject the application asking for the document &quot;holder_change_proof&quot;.</source>
            <translation>持有人与原证书不一致，但未上传变更证明：请退回申请，要求补充材料“holder_change_proof”（持有人变更证明）。</translation>
        </message>
        <message>
            <source>Too many different mobile and ID numbers were tried for this certificate. Look the certificate up again, or ask the CA&apos;s counter for help.</source>
            <translation>此证书已尝试过过多不同的手机号码和身份证号码。请重新查询证书，或到 CA 柜台寻求帮助。</translation>
        </message>
        <message>
            <source>Look the certificate up first: the application is checked against the certificate this device looked up.</source>
            <translation>请先查询证书：申请将与本设备查询过的证书进行核对。</translation>
        </message>
        <message>
            <source>Sign-in code</source>
            <translation>登录验证码</translation>
        </message>
        <message>
            <source>Your CertDesk sign-in code is %1. It is valid for %2 minutes. Do not tell it to anyone, including staff who call you.</source>
            <translation>您的证书服务台登录验证码为%1，%2分钟内有效。请勿告诉任何人，包括来电自称工作人员的人。</translation>
        </message>
        <message>
            <source>The code is wrong or no longer valid. Check the latest SMS or ask for a new code.</source>
            <translation>验证码错误或已失效。请查看最新的短信，或重新获取验证码。</translation>
        </message>
        <message>
            <source>The sign-in is not valid or has expired; sign in again with a new SMS code.</source>
            <translation>登录无效或已过期，请用新的短信验证码重新登录。</translation>
        </message>
        <message>
            <source>Sign-in required: send a valid access token and try again.</source>
            <translation>需要登录：请携带有效的访问令牌后重试。</translation>
        </message>
        <message>
            <source>Your account does not have the role needed for this action.</source>
            <translation>您的账号没有执行此操作所需的角色。</translation>
        </message>
        <message>
            <source>Not found. Check the address or number and try again.</source>
            <translation>未找到。请核对地址或编号后重试。</translation>
        </message>
        <message>
            <source>The upload is larger than %1 bytes; make the file smaller and try again.</source>
            <translation>上传内容超过 %1 字节，请缩小文件后重试。</translation>
        </message>
        <message>
            <source>Some fields are not valid; correct them and submit again.</source>
            <translation>部分字段填写有误，请修改后重新提交。</translation>
        </message>
        <message numerus="yes">
            <source>Too many requests; wait %n second(s) and try again.</source>
            <translation>
                <numerusform>请求过于频繁，请等待 %n 秒后重试。</numerusform>
            </translation>
        </message>
        <message>
            <source>The service cannot store anything right now because its disk is full; nothing was changed. Try again later.</source>
            <translation>服务的磁盘已满，暂时无法保存任何内容；未做任何更改。请稍后重试。</translation>
        </message>
        <message numerus="yes">
            <source>The service is busy; nothing was changed. Wait %n second(s) and try again.</source>
            <translation>
                <numerusform>服务繁忙，未做任何更改。请等待 %n 秒后重试。</numerusform>
            </translation>
        </message>
        <message>
            <source>The service cannot reach its database; try again later or use another counter service.</source>
            <translation>服务无法连接其数据库，请稍后重试，或改用其他服务点。</translation>
        </message>
        <message>
            <source>The request body is not valid JSON (at byte %1).</source>
            <translation>请求内容不是有效的 JSON（第 %1 字节处）。</translation>
        </message>
        <message>
            <source>The request body must be a JSON object.</source>
            <translation>请求内容必须是 JSON 对象。</translation>
        </message>
        <message>
            <source>Send the application's access token (Authorization: Bearer ...) with this request.</source>
            <translation>请在请求中携带该申请的访问令牌（Authorization: Bearer ...）。</translation>
        </message>
        <message>
            <source>No such application.</source>
            <translation>没有该申请。</translation>
        </message>
        <message>
            <source>This value has the wrong type.</source>
            <translation>该值的类型不正确。</translation>
        </message>
        <message numerus="yes">
            <source>This value is too long (at most %n characters).</source>
            <translation>
                <numerusform>该值过长（最多 %n 个字符）。</numerusform>
            </translation>
        </message>
        <message>
            <source>Choose one of the certificate kinds.</source>
            <translation>请选择一种证书类型。</translation>
        </message>
        <message>
            <source>Choose the certificate kind.</source>
            <translation>请选择证书类型。</translation>
        </message>
        <message>
            <source>Choose no invoice or an electronic invoice.</source>
            <translation>请选择“无需发票”或“电子发票”。</translation>
        </message>
        <message>
            <source>The proof of possession is malformed: send challenge, certificate and signature in base64.</source>
            <translation>持有证明格式不正确：请以 base64 提供 challenge、certificate 和 signature。</translation>
        </message>
        <message>
            <source>No certificate has this serial number. Check the number on the old certificate.</source>
            <translation>没有该序列号的证书。请核对原证书上的证书序列号。</translation>
        </message>
        <message>
            <source>The old certificate is of another kind; choose the kind shown by the lookup.</source>
            <translation>原证书属于其他证书类型，请选择查询结果所示的证书类型。</translation>
        </message>
        <message>
            <source>This mobile number is not registered to this ID number with the telecom operator. Check the real-name details in the operator's app, or use a number registered to this person.</source>
            <translation>该手机号码在电信运营商登记的实名信息与此身份证号码不符。请在运营商 APP 中核对实名认证信息，或使用本人实名登记的手机号码。</translation>
        </message>
        <message>
            <source>Unknown bank branch: type a keyword such as the bank's name and pick the branch from the list.</source>
            <translation>未知的开户行：请输入银行名称等关键字，并从下拉列表中选择开户行。</translation>
        </message>
        <message>
            <source>The old certificate's signature does not prove possession: look the certificate up again and sign the new challenge with the old UKey.</source>
            <translation>原证书的签名无法证明持有原证书：请重新查询证书，并用原 UKey 对新的挑战值签名。</translation>
        </message>
        <message>
            <source>This challenge was already used; look the certificate up again.</source>
            <translation>该挑战值已被使用，请重新查询证书。</translation>
        </message>
        <message>
            <source>Application created</source>
            <translation>已创建申请</translation>
        </message>
        <message>
            <source>The application can be changed only while it is a draft or after it was rejected.</source>
            <translation>只有草稿状态或被驳回的申请才能修改。</translation>
        </message>
        <message>
            <source>The old certificate of an application cannot change; start a new application instead.</source>
            <translation>申请对应的原证书不能更改；如需更换，请新建申请。</translation>
        </message>
        <message>
            <source>The years were paid for and cannot change any more.</source>
            <translation>续期年限已缴费，不能再更改。</translation>
        </message>
        <message>
            <source>Only a rejected application can be resubmitted.</source>
            <translation>只有被驳回的申请才能重新提交。</translation>
        </message>
        <message>
            <source>Fix what the reviewer pointed out before resubmitting; unchanged: %1</source>
            <translation>请先按审核意见修改后再重新提交；尚未修改：%1</translation>
        </message>
        <message>
            <source>Upload every required document and pass the liveness check before resubmitting.</source>
            <translation>请上传全部所需材料并通过人脸识别活体检测后再重新提交。</translation>
        </message>
        <message>
            <source>Resubmitted after correction</source>
            <translation>已按审核意见修改并重新提交</translation>
        </message>
        <message>
            <source>Certificates are issued only for an approved application that has not been issued yet.</source>
            <translation>只能为审核通过且尚未签发的申请签发证书。</translation>
        </message>
        <message>
            <source>This value is required.</source>
            <translation>该值为必填项。</translation>
        </message>
        <message>
            <source>Send DER in standard base64.</source>
            <translation>请以标准 base64 提供 DER 数据。</translation>
        </message>
        <message>
            <source>The transport key is not an SM2 SubjectPublicKeyInfo.</source>
            <translation>传输密钥不是 SM2 SubjectPublicKeyInfo。</translation>
        </message>
        <message>
            <source>The CSR's SM2 signature does not verify with the default ID 1234567812345678.</source>
            <translation>证书请求（CSR）的 SM2 签名用默认用户标识 1234567812345678 验证不通过。</translation>
        </message>
        <message>
            <source>The CSR is not a PKCS#10 request for an SM2 key signed with SM2-with-SM3.</source>
            <translation>证书请求（CSR）不是以 SM2-with-SM3 签名的 SM2 密钥 PKCS#10 请求。</translation>
        </message>
        <message>
            <source>Send text of at most 128 characters.</source>
            <translation>请填写不超过 128 个字符的文本。</translation>
        </message>
        <message>
            <source>No such issuance for this application.</source>
            <translation>该申请没有这一签发记录。</translation>
        </message>
        <message>
            <source>This service has no legacy CA.</source>
            <translation>本服务没有原 RSA 证书的签发 CA。</translation>
        </message>
        <message>
            <source>The holder's name or credential number differs from the old certificate's. Approve with accept_holder_change only after checking the document that proves the change.</source>
            <translation>持有人名称或证件号码与原证书不一致。请先核验证明变更的材料，再以 accept_holder_change 审核通过。</translation>
        </message>
        <message>
            <source>You approved this application; another staff member issues its certificates (the service does not allow a one-person counter).</source>
            <translation>本申请由您审核通过，须由另一名工作人员签发证书（本服务不允许一人办理审核和签发）。</translation>
        </message>
        <message>
            <source>This service does not hold the legacy CA's key and publishes no CRL for it.</source>
            <translation>本服务未持有原 RSA 证书签发 CA 的私钥，不发布其证书吊销列表。</translation>
        </message>
        <message>
            <source>These certificates are being issued at another counter right now; wait for that to finish.</source>
            <translation>另一个柜台正在签发这份申请的证书，请等其完成。</translation>
        </message>
        <message>
            <source>Only the latest unconfirmed issuance of an approved application can be confirmed.</source>
            <translation>只能确认审核通过申请的最新一次未确认签发。</translation>
        </message>
        <message>
            <source>New SM2 certificates written to the UKey; the old certificate is revoked</source>
            <translation>新的 SM2 证书已写入 UKey，原证书已注销</translation>
        </message>
        <message>
            <source>CertDesk: the new SM2 certificates for order %1 were issued and the old certificate is now revoked.</source>
            <translation>证书服务台：订单 %1 的新 SM2 证书已签发，原证书现已注销。</translation>
        </message>
        <message>
            <source>This certificate has been revoked and cannot be renewed; apply for a new certificate instead.</source>
            <translation>该证书已注销，不能续期，请申请新证书。</translation>
        </message>
        <message>
            <source>Renewal opens on %1 (%2 days before the certificate expires); come back then.</source>
            <translation>续期办理将于 %1 开放（证书到期前 %2 天），请届时再来办理。</translation>
        </message>
        <message>
            <source>The certificate expired more than %1 days ago and can no longer be renewed; apply for a new certificate instead.</source>
            <translation>该证书已过期超过 %1 天，不能再续期，请申请新证书。</translation>
        </message>
        <message>
            <source>limit must be a positive integer.</source>
            <translation>limit 必须是正整数。</translation>
        </message>
        <message>
            <source>Enter the certificate serial number.</source>
            <translation>请输入证书序列号。</translation>
        </message>
        <message>
            <source>No certificate has this serial number. Check the number on the old certificate and try again.</source>
            <translation>没有该序列号的证书。请核对原证书上的证书序列号后重试。</translation>
        </message>
        <message>
            <source>The Idempotency-Key is longer than 200 characters.</source>
            <translation>Idempotency-Key 超过 200 个字符。</translation>
        </message>
        <message>
            <source>This Idempotency-Key was already used with a different request body; use a new key for a new request.</source>
            <translation>该 Idempotency-Key 已用于内容不同的请求；新的请求请使用新的 Idempotency-Key。</translation>
        </message>
        <message>
            <source>WeChat Pay</source>
            <translation>微信支付</translation>
        </message>
        <message>
            <source>Alipay</source>
            <translation>支付宝</translation>
        </message>
        <message>
            <source>corporate transfer</source>
            <translation>对公账号付款</translation>
        </message>
        <message>
            <source>Unknown document kind.</source>
            <translation>未知的材料类型。</translation>
        </message>
        <message>
            <source>This document is not needed for this kind of certificate.</source>
            <translation>该证书类型不需要此材料。</translation>
        </message>
        <message>
            <source>Documents can be uploaded only while the application is a draft or after it was rejected.</source>
            <translation>只有草稿状态或被驳回的申请才能上传材料。</translation>
        </message>
        <message>
            <source>Upload a JPEG, PNG, GIF or BMP image or a PDF file, and send its type in Content-Type.</source>
            <translation>请上传 JPEG、PNG、GIF、BMP 图片或 PDF 文件，并在 Content-Type 中注明其类型。</translation>
        </message>
        <message>
            <source>The upload was interrupted; send the file again.</source>
            <translation>上传中断，请重新上传文件。</translation>
        </message>
        <message>
            <source>The file's content is not what its type says (%1). Upload a real JPEG, PNG, GIF, BMP or PDF file.</source>
            <translation>文件内容与其声明的类型（%1）不符。请上传真实的 JPEG、PNG、GIF、BMP 或 PDF 文件。</translation>
        </message>
        <message>
            <source>The image has more than %1 million pixels; scan at a lower resolution and upload again.</source>
            <translation>图片超过 %1 百万像素，请降低扫描分辨率后重新上传。</translation>
        </message>
        <message>
            <source>The file is damaged or incomplete and cannot be opened; upload it again.</source>
            <translation>文件已损坏或不完整，无法打开，请重新上传。</translation>
        </message>
        <message>
            <source>The liveness check is done before payment, or after a rejection.</source>
            <translation>人脸识别活体检测须在缴费前或申请被驳回后进行。</translation>
        </message>
        <message>
            <source>The liveness check was already passed.</source>
            <translation>已通过人脸识别活体检测。</translation>
        </message>
        <message>
            <source>The liveness QR code expired; start the check again and scan the new code.</source>
            <translation>活体检测二维码已过期，请重新发起检测并扫描新的二维码。</translation>
        </message>
        <message>
            <source>Choose WeChat Pay, Alipay or corporate transfer.</source>
            <translation>请选择微信支付、支付宝或对公账号付款。</translation>
        </message>
        <message>
            <source>Corporate transfer is only for institutions; natural persons pay by WeChat Pay or Alipay.</source>
            <translation>对公账号付款仅适用于机构；自然人请使用微信支付或支付宝。</translation>
        </message>
        <message>
            <source>This application is already paid.</source>
            <translation>该申请已缴费。</translation>
        </message>
        <message>
            <source>Upload every required document and pass the liveness check before paying; missing: %1</source>
            <translation>请上传全部所需材料并通过人脸识别活体检测后再缴费；尚缺：%1</translation>
        </message>
        <message>
            <source>No such payment.</source>
            <translation>没有该支付记录。</translation>
        </message>
        <message>
            <source>Paid by %1; waiting for the CA's review</source>
            <translation>已通过%1缴费，等待 CA 审核</translation>
        </message>
        <message>
            <source>CertDesk: order %1 is paid (%2 yuan) and now waits for the CA's review. We will text you the result.</source>
            <translation>证书服务台：订单 %1 已缴费（%2 元），正在等待 CA 审核，审核结果将以短信通知您。</translation>
        </message>
        <message>
            <source>CertDesk: the e-invoice %1 for order %2 (%3 yuan) is ready: %4</source>
            <translation>证书服务台：订单 %2 的电子发票 %1（%3 元）已开具：%4</translation>
        </message>
        <message>
            <source>Your e-invoice for order %1</source>
            <translation>订单 %1 的电子发票</translation>
        </message>
        <message>
            <source>The outcome is "pass" or "fail".</source>
            <translation>outcome 的值为 "pass" 或 "fail"。</translation>
        </message>
        <message>
            <source>This liveness session is already finished.</source>
            <translation>该活体检测已结束。</translation>
        </message>
        <message>
            <source>This liveness session expired; start the check again in CertDesk.</source>
            <translation>该活体检测已过期，请在证书服务台中重新发起检测。</translation>
        </message>
        <message>
            <source>The name or ID number does not match the agent on the application; the agent must do the check.</source>
            <translation>姓名或身份证号码与申请表中的经办人不符，须由经办人本人完成检测。</translation>
        </message>
        <message>
            <source>The name or ID number does not match the applicant; the applicant must do the check.</source>
            <translation>姓名或身份证号码与申请人不符，须由申请人本人完成检测。</translation>
        </message>
        <message>
            <source>The face check did not pass; start the check again in good light and follow the prompts.</source>
            <translation>人脸识别未通过，请在光线充足处按提示重新检测。</translation>
        </message>
        <message>
            <source>Liveness check passed</source>
            <translation>活体检测通过</translation>
        </message>
        <message>
            <source>Liveness check failed</source>
            <translation>活体检测未通过</translation>
        </message>
        <message>
            <source>This payment is already paid.</source>
            <translation>该笔支付已完成。</translation>
        </message>
        <message>
            <source>This payment expired; start the payment again in CertDesk.</source>
            <translation>该笔支付已过期，请在证书服务台中重新发起支付。</translation>
        </message>
        <message>
            <source>Payment complete</source>
            <translation>支付完成</translation>
        </message>
        <message>
            <source>Order %1: %2 yuan paid.</source>
            <translation>订单 %1：已支付 %2 元。</translation>
        </message>
        <message numerus="yes">
            <source>Enter a value of at most %n characters.</source>
            <translation>
                <numerusform>请输入不超过 %n 个字符的值。</numerusform>
            </translation>
        </message>
        <message>
            <source>Give the expiry as an RFC 3339 time, such as 2026-01-31T16:00:00Z.</source>
            <translation>请以 RFC 3339 时间格式填写到期时间，例如 2026-01-31T16:00:00Z。</translation>
        </message>
        <message>
            <source>The legacy CA is not available in this build.</source>
            <translation>本版本没有可用的旧证书 CA。</translation>
        </message>
        <message>
            <source>Staff sign-in required.</source>
            <translation>请以工作人员身份登录。</translation>
        </message>
        <message>
            <source>The staff session is not valid or has expired; sign in again.</source>
            <translation>工作人员会话无效或已过期，请重新登录。</translation>
        </message>
        <message>
            <source>This action needs the %1 role.</source>
            <translation>此操作需要 %1 角色。</translation>
        </message>
        <message>
            <source>Wrong user name or password.</source>
            <translation>用户名或密码错误。</translation>
        </message>
        <message>
            <source>Unknown status: %1</source>
            <translation>未知的状态：%1</translation>
        </message>
        <message>
            <source>This document was not uploaded.</source>
            <translation>该材料尚未上传。</translation>
        </message>
        <message>
            <source>Only an application in review can be approved.</source>
            <translation>只有审核中的申请才能审核通过。</translation>
        </message>
        <message>
            <source>Approved by the CA</source>
            <translation>CA 审核通过</translation>
        </message>
        <message>
            <source>CertDesk: order %1 was approved. The new certificate UKey will be issued and sent to you.</source>
            <translation>证书服务台：订单 %1 已审核通过，新的证书 UKey 将签发并寄送给您。</translation>
        </message>
        <message>
            <source>Only an application in review can be rejected.</source>
            <translation>只有审核中的申请才能驳回。</translation>
        </message>
        <message>
            <source>Give at least one reason, each pointing at a field or a document.</source>
            <translation>请至少填写一条驳回原因，每条须指向一个字段或一份材料。</translation>
        </message>
        <message>
            <source>A target is "field:&lt;field of the form&gt;" or "document:&lt;document kind&gt;" of this application.</source>
            <translation>驳回对象为本申请的“field:&lt;表单字段&gt;”或“document:&lt;材料类型&gt;”。</translation>
        </message>
        <message>
            <source>Say what is wrong and how to fix it (at most 1000 characters).</source>
            <translation>请说明问题及修改方法（最多 1000 个字符）。</translation>
        </message>
        <message>
            <source>CertDesk: order %1 was returned for correction: %2. Open CertDesk, fix it and resubmit; no second payment is needed.</source>
            <translation>证书服务台：订单 %1 已被驳回，原因：%2。请在证书服务台中按驳回原因修改后重新提交，无需再次缴费。</translation>
        </message>
        <message>
            <source>Only corporate transfers are confirmed by staff; QR payments confirm themselves.</source>
            <translation>只有对公账号付款需要工作人员确认到账；扫码支付会自动确认。</translation>
        </message>
        <message>
            <source>This payment is not waiting for confirmation.</source>
            <translation>该笔支付不在等待确认状态。</translation>
        </message>
        <message>
            <source>Only an issued certificate can be shipped.</source>
            <translation>只有已签发的证书才能寄送。</translation>
        </message>
        <message>
            <source>Enter the carrier and the tracking number.</source>
            <translation>请填写快递公司和快递单号。</translation>
        </message>
        <message>
            <source>Sent by %1, tracking number %2</source>
            <translation>已由%1寄出，快递单号 %2</translation>
        </message>
        <message>
            <source>CertDesk: the new UKey for order %1 was sent by %2, tracking number %3.</source>
            <translation>证书服务台：订单 %1 的新证书 UKey 已由%2寄出，快递单号 %3。</translation>
        </message>
        <message>
            <source>Only an issued or shipped certificate can be handed over.</source>
            <translation>只有已签发或已寄出的证书才能交付。</translation>
        </message>
        <message>
            <source>UKey delivered</source>
            <translation>UKey 已送达</translation>
        </message>
        <message>
            <source>UKey handed over at the counter</source>
            <translation>UKey 已在柜台交付</translation>
        </message>
        <message>
            <source>The request body could not be read.</source>
            <translation>无法读取请求内容。</translation>
        </message>
        <message>
            <source>The service had an internal error; nothing was changed. Try again later.</source>
            <translation>服务内部错误，未做任何更改，请稍后重试。</translation>
        </message>
        <message>
            <source>The telecom real-name check cannot be reached at the moment; nothing was saved. Wait a minute and submit again.</source>
            <translation>暂时无法连接运营商实名核验服务，本次提交未保存。请稍等一分钟后重新提交。</translation>
        </message>
        <message>
            <source>This CA has no liveness check configured; ask the CA&apos;s counter for help or call the CA&apos;s hotline %1.</source>
            <translation>本 CA 尚未开通人脸核验，请到 CA 服务柜台办理，或拨打 CA 服务热线 %1。</translation>
        </message>
        <message>
            <source>This CA does not offer %1; choose another payment method.</source>
            <translation>本 CA 暂不支持%1，请选择其他支付方式。</translation>
        </message>
        <message>
            <source>Certificate renewal, order %1</source>
            <translation>证书续期，订单 %1</translation>
        </message>
        <message>
            <source>%1 cannot be reached at the moment. Nothing was charged. Wait a minute and press Pay again, or choose another payment method.</source>
            <translation>暂时无法连接%1，未产生任何扣款。请稍等一分钟后再次点击支付，或选择其他支付方式。</translation>
        </message>
        <message>
            <source>%1 refused the order. Nothing was charged. Choose another payment method, or call the CA for help.</source>
            <translation>%1拒绝了本次下单，未产生任何扣款。请选择其他支付方式，或致电 CA 咨询。</translation>
        </message>
        <message>
            <source>The face verification service cannot be reached at the moment. Wait a minute and start the liveness check again.</source>
            <translation>暂时无法连接人脸核验服务。请稍等一分钟后重新开始人脸核验。</translation>
        </message>
        <message>
            <source>The face verification service refused to start the check. Check the name and ID number on the form, or call the CA for help.</source>
            <translation>人脸核验服务拒绝发起核验。请核对表单中的姓名和身份证号码，或致电 CA 咨询。</translation>
        </message>
        <message>
            <source>The name or ID number on the form changed after the check was started; start the check again.</source>
            <translation>发起人脸核验后表单中的姓名或身份证号码已修改，请重新进行人脸核验。</translation>
        </message>
        <message>
            <source>This service has no SMS provider for the initial PIN. Record the shipment without initial_pin and give the applicant the PIN another way.</source>
            <translation>本服务未配置发送初始 PIN 码的短信通道。请不带 initial_pin 登记寄送，并以其他方式告知申请人 PIN 码。</translation>
        </message>
        <message>
            <source>Receipt is confirmed only for a UKey that was sent and not yet received.</source>
            <translation>只有已寄出且尚未签收的 UKey 才能确认收货。</translation>
        </message>
        <message>
            <source>Without a signature by the new UKey, sign in to the applicant centre with the SMS code to confirm receipt.</source>
            <translation>没有新 UKey 的签名时，请先用短信验证码登录个人中心，再确认收货。</translation>
        </message>
        <message>
            <source>Send the serial number of the received UKey.</source>
            <translation>请提交所收到 UKey 的序列号。</translation>
        </message>
        <message>
            <source>This is not the UKey the counter programmed for this application.</source>
            <translation>这不是柜台为本申请制作的 UKey。</translation>
        </message>
        <message>
            <source>The receipt challenge is unknown, used or expired; ask for a new one.</source>
            <translation>收货验证码无效、已使用或已过期，请重新获取。</translation>
        </message>
        <message>
            <source>The signature is not an SM2 signature (ID 1234567812345678) of the challenge by the new signing key.</source>
            <translation>该签名不是新签名密钥对验证码所作的 SM2 签名（用户标识 1234567812345678）。</translation>
        </message>
        <message>
            <source>UKey received; the applicant&apos;s new signing key signed the receipt</source>
            <translation>已收到 UKey：申请人用新签名密钥签署了收货确认</translation>
        </message>
        <message>
            <source>UKey received; confirmed by the applicant signed in by SMS code</source>
            <translation>已收到 UKey：申请人通过短信验证码登录后确认</translation>
        </message>
        <message>
            <source>The initial PIN must be 6 to 16 digits, not one digit repeated and not a run such as 123456.</source>
            <translation>初始 PIN 码须为 6 至 16 位数字，不能由同一数字重复组成，也不能是 123456 这样的连续数字。</translation>
        </message>
        <message>
            <source>CertDesk: the initial PIN of the new UKey for order %1 is %2. When the UKey arrives, CertDesk asks for it once and then for a PIN of your own. Never tell it to anyone.</source>
            <translation>【证书服务台】订单 %1 的新 UKey 初始 PIN 码为 %2。收到 UKey 后，证书服务台会请您输入一次该 PIN 码，再设置您自己的 PIN 码。请勿告诉任何人。</translation>
        </message>
        <message>
            <source>The service agreement has a new version. Read it and accept it again.</source>
            <translation>服务协议已更新。请阅读新版本后重新确认。</translation>
        </message>
        <message>
            <source>Electronic certification service agreement (sample)</source>
            <translation>电子认证服务协议（样例）</translation>
        </message>
        <message>
            <source>Electronic certification service agreement</source>
            <translation>电子认证服务协议</translation>
        </message>
        <message>
            <source>The SMS provider did not take the initial PIN, so the shipment was not recorded. Try again in a minute.</source>
            <translation>短信服务商未接收初始 PIN 码，寄送未登记。请一分钟后再试。</translation>
        </message>
    </context>
    <context>
        <name>certdesk::Token</name>
        <message>
            <source>The UKey or its driver is not answering. Unplug the UKey and plug it in again, then retry; or cancel.</source>
            <translation>UKey 或其驱动程序没有响应。请拔下 UKey 重新插入后重试，或者取消。</translation>
        </message>
        <message>
            <source>Done.</source>
            <translation>完成。</translation>
        </message>
        <message>
            <source>The operation was cancelled. Nothing was left half-written on the UKey.</source>
            <translation>操作已取消，UKey 中没有留下写入一半的内容。</translation>
        </message>
        <message>
            <source>The UKey driver (PKCS#11 module) was not found. Install the UKey vendor's driver or check the module path in the settings.</source>
            <translation>未找到 UKey 驱动（PKCS#11 模块）。请安装 UKey 厂商的驱动程序，或在设置中检查模块路径。</translation>
        </message>
        <message>
            <source>The UKey driver could not be loaded: the file is not a PKCS#11 module for this computer. Reinstall the UKey vendor's driver.</source>
            <translation>无法加载 UKey 驱动：该文件不是适用于本机的 PKCS#11 模块。请重新安装 UKey 厂商的驱动程序。</translation>
        </message>
        <message>
            <source>The UKey driver failed to start. Unplug the UKey, plug it in again and retry; if it keeps failing, reinstall the vendor's driver.</source>
            <translation>UKey 驱动启动失败。请拔出 UKey 后重新插入再试；如仍失败，请重新安装厂商驱动程序。</translation>
        </message>
        <message>
            <source>The UKey was not found. Check that it is plugged in and that its light is on.</source>
            <translation>未找到 UKey。请确认 UKey 已插好且指示灯亮起。</translation>
        </message>
        <message>
            <source>The UKey was removed. Plug it in again and retry.</source>
            <translation>UKey 已被拔出。请重新插入后再试。</translation>
        </message>
        <message>
            <source>The UKey is blank or not recognized. Use a UKey issued for certificates.</source>
            <translation>UKey 为空白或无法识别。请使用用于存放证书的 UKey。</translation>
        </message>
        <message>
            <source>The PIN is wrong. Check it and try again; the UKey locks after several wrong PINs.</source>
            <translation>PIN 码错误。请核对后重试；多次输错后 UKey 将被锁定。</translation>
        </message>
        <message>
            <source>The PIN is wrong. Only a few tries are left before the UKey locks.</source>
            <translation>PIN 码错误。剩余尝试次数不多，再输错几次 UKey 将被锁定。</translation>
        </message>
        <message>
            <source>The PIN is wrong. One try is left: one more wrong PIN locks the UKey.</source>
            <translation>PIN 码错误。仅剩最后一次机会：再输错一次 UKey 将被锁定。</translation>
        </message>
        <message>
            <source>The UKey PIN is locked after too many wrong tries. Bring it to a CA service counter to unlock it, or call the CA&apos;s hotline %1.</source>
            <translation>UKey 的 PIN 码因输错次数过多已被锁定。请携带 UKey 到 CA 服务网点解锁，或拨打 CA 服务热线 %1。</translation>
        </message>
        <message>
            <source>The UKey does not accept this new PIN. Choose a PIN of the length and characters the UKey allows.</source>
            <translation>UKey 不接受此新 PIN 码。请按 UKey 允许的长度和字符设置 PIN 码。</translation>
        </message>
        <message>
            <source>The UKey PIN has expired. Change the PIN first.</source>
            <translation>UKey 的 PIN 码已过期。请先修改 PIN 码。</translation>
        </message>
        <message>
            <source>Enter the UKey PIN first.</source>
            <translation>请先输入 UKey 的 PIN 码。</translation>
        </message>
        <message>
            <source>The UKey is write-protected. Nothing can be written to it.</source>
            <translation>UKey 处于写保护状态，无法写入。</translation>
        </message>
        <message>
            <source>This UKey does not support the operation.</source>
            <translation>此 UKey 不支持该操作。</translation>
        </message>
        <message>
            <source>The UKey already holds this key or certificate.</source>
            <translation>UKey 中已存在此密钥或证书。</translation>
        </message>
        <message>
            <source>The certificate or key was not found on the UKey.</source>
            <translation>在 UKey 中未找到该证书或密钥。</translation>
        </message>
        <message>
            <source>The UKey is full. Remove unused certificates or use another UKey.</source>
            <translation>UKey 存储空间已满。请删除不用的证书或更换 UKey。</translation>
        </message>
        <message>
            <source>The key on the UKey does not match the certificate. Nothing was kept on the UKey; retry, or call the CA&apos;s hotline %1.</source>
            <translation>UKey 中的密钥与证书不匹配。UKey 中未保留任何内容；请重试，或拨打 CA 服务热线 %1。</translation>
        </message>
        <message>
            <source>The UKey produced an invalid signature. The UKey may be faulty or its driver unsupported.</source>
            <translation>UKey 生成的签名无效。UKey 可能已损坏，或其驱动不受支持。</translation>
        </message>
        <message>
            <source>The UKey reported an error. Unplug it, plug it in again and retry.</source>
            <translation>UKey 报告错误。请拔出后重新插入再试。</translation>
        </message>
        <message>
            <source>An internal error occurred while talking to the UKey.</source>
            <translation>与 UKey 通信时发生内部错误。</translation>
        </message>
    </context>
    <context>
        <name>certdesk::UrlPolicy</name>
        <message>
            <source>The counter service address %1 is not encrypted: personal data and passwords would travel in clear text. Use its https:// address (plain http is only for a service on this computer).</source>
            <translation>证书服务地址 %1 未加密：个人信息和密码将以明文传输。请使用其 https:// 地址（仅本机上的服务可使用 http）。</translation>
        </message>
        <message>
            <source>The counter service address %1 is not an https:// web address.</source>
            <translation>证书服务地址 %1 不是 https:// 网址。</translation>
        </message>
    </context>
    <context>
        <name>certdesk::Validators</name>
        <message>
            <source>This field is required.</source>
            <translation>此项为必填项。</translation>
        </message>
        <message>
            <source>The text cannot contain line breaks or control characters.</source>
            <translation>内容中不能包含换行符或控制字符。</translation>
        </message>
        <message>
            <source>15-digit ID numbers are no longer accepted: enter the 18-digit ID number.</source>
            <translation>不再受理15位身份证号码，请填写18位身份证号码。</translation>
        </message>
        <message>
            <source>An ID number has 18 characters: check that none is missing or extra.</source>
            <translation>身份证号码应为18位，请检查是否多输或漏输。</translation>
        </message>
        <message>
            <source>Only the last character of the ID number can be X; the others are digits.</source>
            <translation>身份证号码只有最后一位可以是X，其余各位均为数字。</translation>
        </message>
        <message>
            <source>The ID number may contain only digits and a final X.</source>
            <translation>身份证号码只能由数字和最后一位的X组成。</translation>
        </message>
        <message>
            <source>Use an upper-case X as the last character of the ID number.</source>
            <translation>身份证号码最后一位请使用大写字母X。</translation>
        </message>
        <message>
            <source>The first two digits are not a valid province code: check the beginning of the ID number.</source>
            <translation>前两位不是有效的省级行政区划代码，请核对身份证号码前两位。</translation>
        </message>
        <message>
            <source>The date of birth (digits 7–14) is not a valid date: check the ID number.</source>
            <translation>出生日期（第7至14位）不是有效日期，请核对身份证号码。</translation>
        </message>
        <message>
            <source>The date of birth (digits 7–14) is before 1900: check the ID number.</source>
            <translation>出生日期（第7至14位）早于1900年，请核对身份证号码。</translation>
        </message>
        <message>
            <source>The date of birth (digits 7–14) is in the future: check the ID number.</source>
            <translation>出生日期（第7至14位）晚于今天，请核对身份证号码。</translation>
        </message>
        <message>
            <source>The check character is wrong: check the last character of the ID number.</source>
            <translation>校验位不正确，请核对身份证号码最后一位。</translation>
        </message>
        <message>
            <source>Use upper-case letters in the unified social credit code.</source>
            <translation>统一社会信用代码中的字母请使用大写。</translation>
        </message>
        <message>
            <source>The unified social credit code cannot contain spaces.</source>
            <translation>统一社会信用代码中不能有空格。</translation>
        </message>
        <message>
            <source>The unified social credit code cannot contain "%1": it uses digits and the upper-case letters except I, O, Z, S and V.</source>
            <translation>统一社会信用代码中不能有“%1”：只能使用数字和除I、O、Z、S、V以外的大写字母。</translation>
        </message>
        <message>
            <source>The unified social credit code has 18 characters: check that none is missing or extra.</source>
            <translation>统一社会信用代码应为18位，请检查是否多输或漏输。</translation>
        </message>
        <message>
            <source>The first two characters (registration authority and organisation type) are not valid: check the beginning of the code.</source>
            <translation>前两位（登记管理部门代码和机构类别代码）无效，请核对统一社会信用代码前两位。</translation>
        </message>
        <message>
            <source>Characters 3–8 must be a 6-digit administrative division code starting with a valid province code.</source>
            <translation>第3至8位应为以有效省级代码开头的6位行政区划代码，请核对。</translation>
        </message>
        <message>
            <source>The organisation code check character (17th character) is wrong: check characters 9–17.</source>
            <translation>组织机构代码校验位（第17位）不正确，请核对第9至17位。</translation>
        </message>
        <message>
            <source>The check character is wrong: check the last character of the unified social credit code.</source>
            <translation>校验位不正确，请核对统一社会信用代码最后一位。</translation>
        </message>
        <message>
            <source>Enter the 11-digit mobile number without +86.</source>
            <translation>请填写11位手机号码，不要加+86。</translation>
        </message>
        <message>
            <source>Enter the mobile number without spaces or dashes.</source>
            <translation>手机号码中请勿输入空格或短横线。</translation>
        </message>
        <message>
            <source>The mobile number may contain only digits.</source>
            <translation>手机号码只能包含数字。</translation>
        </message>
        <message>
            <source>A mobile number has 11 digits.</source>
            <translation>手机号码应为11位数字。</translation>
        </message>
        <message>
            <source>This is not a mainland China mobile number: it starts with 13 to 19.</source>
            <translation>不是有效的中国大陆手机号码：手机号码以13至19开头。</translation>
        </message>
        <message>
            <source>The e-mail address is too long (at most 254 characters).</source>
            <translation>邮箱地址过长（最多254个字符）。</translation>
        </message>
        <message>
            <source>The e-mail address cannot contain spaces.</source>
            <translation>邮箱地址中不能有空格。</translation>
        </message>
        <message>
            <source>The e-mail address needs exactly one @.</source>
            <translation>邮箱地址中应有且只有一个@。</translation>
        </message>
        <message>
            <source>Enter the part before the @ (for example name@example.com).</source>
            <translation>请填写@前面的部分（例如 name@example.com）。</translation>
        </message>
        <message>
            <source>Enter the domain after the @ (for example name@example.com).</source>
            <translation>请填写@后面的域名（例如 name@example.com）。</translation>
        </message>
        <message>
            <source>The part before the @ is too long (at most 64 characters).</source>
            <translation>@前面的部分过长（最多64个字符）。</translation>
        </message>
        <message>
            <source>The part before the @ contains a character that is not allowed.</source>
            <translation>@前面的部分包含不允许的字符。</translation>
        </message>
        <message>
            <source>The part before the @ cannot start or end with a dot or have two dots in a row.</source>
            <translation>@前面的部分不能以点开头或结尾，也不能有连续的点。</translation>
        </message>
        <message>
            <source>The domain after the @ needs a dot (for example example.com).</source>
            <translation>@后面的域名应包含点（例如 example.com）。</translation>
        </message>
        <message>
            <source>The domain after the @ may contain only letters, digits and hyphens, separated by single dots.</source>
            <translation>@后面的域名只能包含字母、数字和短横线，并以单个点分隔。</translation>
        </message>
        <message>
            <source>Enter the account number in digits only (spaces are ignored).</source>
            <translation>账号只能填写数字（空格会被忽略）。</translation>
        </message>
        <message>
            <source>An account number has 8 to 30 digits.</source>
            <translation>账号应为8至30位数字。</translation>
        </message>
        <message>
            <source>Enter a name of 2 to 30 characters.</source>
            <translation>姓名应为2至30个字符。</translation>
        </message>
        <message>
            <source>A name cannot contain digits.</source>
            <translation>姓名中不能包含数字。</translation>
        </message>
        <message>
            <source>Write the name either in Chinese characters or in Latin letters, not mixed.</source>
            <translation>姓名请全部使用汉字或全部使用拉丁字母，不要混用。</translation>
        </message>
        <message>
            <source>The name cannot contain "%1".</source>
            <translation>姓名中不能包含“%1”。</translation>
        </message>
        <message>
            <source>The middle dot · cannot be at the start or end of the name, or twice in a row.</source>
            <translation>间隔号“·”不能位于姓名开头或结尾，也不能连续出现。</translation>
        </message>
        <message>
            <source>Use the middle dot · to separate the parts of the name.</source>
            <translation>姓名中的间隔号请使用“·”。</translation>
        </message>
        <message>
            <source>Write a Chinese name without spaces.</source>
            <translation>中文姓名中不能有空格。</translation>
        </message>
        <message>
            <source>Spaces, dots and hyphens in a name must be single and between letters.</source>
            <translation>姓名中的空格、点和短横线只能单个出现在字母之间。</translation>
        </message>
        <message>
            <source>Enter a name of 2 to 100 characters.</source>
            <translation>名称应为2至100个字符。</translation>
        </message>
        <message>
            <source>The name must contain letters or Chinese characters, not only digits or punctuation.</source>
            <translation>名称应包含汉字或字母，不能只有数字或标点符号。</translation>
        </message>
        <message>
            <source>Enter an address of 5 to 200 characters.</source>
            <translation>地址应为5至200个字符。</translation>
        </message>
        <message>
            <source>The serial number may contain only hexadecimal digits (0–9, A–F); colons and spaces are ignored.</source>
            <translation>证书序列号只能包含十六进制字符（0–9、A–F），冒号和空格会被忽略。</translation>
        </message>
        <message>
            <source>The serial number is too long: it has at most 40 hexadecimal digits.</source>
            <translation>证书序列号过长：最多40位十六进制字符。</translation>
        </message>
        <message>
            <source>Choose a renewal period of 1 to %1 years.</source>
            <translation>续期年限应为1至%1年。</translation>
        </message>
        <message>
            <source>Read and accept the service agreement.</source>
            <translation>请阅读并勾选同意相关服务协议。</translation>
        </message>
        <message>
            <source>Confirm that you understand the old certificate will be revoked.</source>
            <translation>请确认已知悉：证书算法升级后，原证书将会注销。</translation>
        </message>
        <message>
            <source>Choose the bank from the list that appears while you type.</source>
            <translation>请正确选择搜索下拉框弹出的基本户开户行信息。</translation>
        </message>
        <message>
            <source>Choose the province again from the list.</source>
            <translation>请从列表中重新选择省份。</translation>
        </message>
        <message>
            <source>The city does not belong to the chosen province: choose the city again.</source>
            <translation>所选城市不属于所选省份，请重新选择城市。</translation>
        </message>
        <message>
            <source>The county does not belong to the chosen city: choose the county again.</source>
            <translation>所选区县不属于所选城市，请重新选择区县。</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::AgreementPage</name>
        <message>
            <source>Service agreement</source>
            <translation>服务协议</translation>
        </message>
        <message>
            <source>Read the agreement and the notice below, then tick both boxes to continue.</source>
            <translation>请阅读服务协议及下方提示，勾选两项后继续。</translation>
        </message>
        <message>
            <source>Electronic certification service agreement</source>
            <translation>电子认证服务协议</translation>
        </message>
        <message>
            <source>&lt;b&gt;Note:&lt;/b&gt; after the algorithm upgrade the original certificate is revoked. If bid documents have already been encrypted with it, they can no longer be decrypted. Make sure the certificate to be upgraded has not been used to encrypt any bid documents. If it has, apply for this service only after the bid opening.</source>
            <translation>&lt;b&gt;注：&lt;/b&gt;证书算法升级后，原证书将会注销，如该证书已对标书进行了加密，后续将会造成标书无法解密，请先确定需要升级的证书暂未对标书进行加密。如证书已对标书进行了加密，需在开标后再办理此业务。</translation>
        </message>
        <message>
            <source>I have read and agree to the service agreement</source>
            <translation>我已阅读并同意相关服务协议</translation>
        </message>
        <message>
            <source>I understand that the old certificate will be revoked and that bid documents encrypted to it can no longer be decrypted</source>
            <translation>我已知晓升级后原证书将注销，已用原证书加密的标书将无法解密</translation>
        </message>
        <message>
            <source>The full text of the agreement; read it before accepting it below</source>
            <translation>协议全文；请阅读后在下方确认同意</translation>
        </message>
        <message>
            <source>Required: accepts the service agreement above</source>
            <translation>必选：同意上述服务协议</translation>
        </message>
        <message>
            <source>Required: upgrade only after bid opening, the old certificate stops working</source>
            <translation>必选：请在开标后再升级，原证书将停止使用</translation>
        </message>
        <message>
            <source>Try again</source>
            <translation>重试</translation>
        </message>
        <message>
            <source>Sample agreement: this certificate service has not published its own agreement yet. The text below is for training and testing only and has no legal effect.</source>
            <translation>样例协议：本证书服务尚未发布本机构的服务协议。以下文本仅供培训和测试使用，不具有法律效力。</translation>
        </message>
        <message>
            <source>Fetches the agreement from the certificate service again</source>
            <translation>重新从证书服务获取服务协议</translation>
        </message>
        <message>
            <source>No certificate service is configured, so the agreement cannot be shown. It is shown here once CertDesk is connected to the CA's service.</source>
            <translation>未配置证书服务，无法显示服务协议。证书服务台连接到 CA 的服务后，协议将显示在此处。</translation>
        </message>
        <message>
            <source>Fetching the agreement from the certificate service…</source>
            <translation>正在从证书服务获取服务协议…</translation>
        </message>
        <message>
            <source>The agreement could not be fetched: %1</source>
            <translation>无法获取服务协议：%1</translation>
        </message>
        <message>
            <source>Agreement version: %1 (sample)</source>
            <translation>协议版本：%1（样例）</translation>
        </message>
        <message>
            <source>Agreement version: %1</source>
            <translation>协议版本：%1</translation>
        </message>
        <message>
            <source>The agreement has a new version: read it and accept it again.</source>
            <translation>服务协议已更新：请阅读新版本后重新确认。</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::ApplicantPage</name>
        <message>
            <source>Applicant</source>
            <translation>申请人</translation>
        </message>
        <message>
            <source>Fill in the certificate holder's details (fields marked * are required).</source>
            <translation>请填写申请人信息（带 * 为必填项）。</translation>
        </message>
        <message>
            <source>Applicant information</source>
            <translation>申请人信息</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::ApplicationCentre</name>
        <message>
            <source>Refresh</source>
            <translation>刷新</translation>
        </message>
        <message>
            <source>FAQ</source>
            <translation>常见问题</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Frequently asked questions and contact</source>
            <translation>常见问题与联系方式</translation>
        </message>
        <message>
            <source>Progress</source>
            <translation>办理进度</translation>
        </message>
        <message>
            <source>Print application form</source>
            <translation>打印申请表</translation>
        </message>
        <message>
            <source>Upload documents</source>
            <translation>上传资料</translation>
        </message>
        <message>
            <source>Identity check</source>
            <translation>身份认证</translation>
        </message>
        <message>
            <source>Online payment</source>
            <translation>在线支付</translation>
        </message>
        <message>
            <source>Application progress</source>
            <translation>办理进度</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>正在加载…</translation>
        </message>
        <message>
            <source>Order number: %1</source>
            <translation>订单编号：%1</translation>
        </message>
        <message>
            <source>current step</source>
            <translation>当前步骤</translation>
        </message>
        <message>
            <source>done</source>
            <translation>已完成</translation>
        </message>
        <message>
            <source>to do</source>
            <translation>待办理</translation>
        </message>
        <message>
            <source>Steps of the application</source>
            <translation>办理步骤</translation>
        </message>
        <message>
            <source>Asks the CA for the application's current state</source>
            <translation>向CA查询申请的最新状态</translation>
        </message>
        <message>
            <source>The guide and answers to common questions</source>
            <translation>办理指南和常见问题解答</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::ApplicationDetails</name>
        <message>
            <source>Electronic invoice</source>
            <translation>电子发票</translation>
        </message>
        <message>
            <source>No invoice needed</source>
            <translation>无需发票</translation>
        </message>
        <message numerus="yes">
            <source>%n year(s)</source>
            <translation>
                <numerusform>%n 年</numerusform>
            </translation>
        </message>
        <message>
            <source>Application fields</source>
            <translation>申请信息</translation>
        </message>
        <message>
            <source>Field</source>
            <translation>项目</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>内容</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>是</translation>
        </message>
        <message>
            <source>no</source>
            <translation>否</translation>
        </message>
        <message>
            <source>passed</source>
            <translation>已通过</translation>
        </message>
        <message>
            <source>failed</source>
            <translation>未通过</translation>
        </message>
        <message>
            <source>expired</source>
            <translation>已过期</translation>
        </message>
        <message>
            <source>pending</source>
            <translation>待完成</translation>
        </message>
        <message>
            <source>Order No. %1</source>
            <translation>订单编号 %1</translation>
        </message>
        <message>
            <source>Old certificate %1 · holder proven with the old UKey: %2 · liveness: %3 · paid: %4 · total ¥%5</source>
            <translation>原证书 %1 · 已用原 UKey 证明持有：%2 · 人脸识别：%3 · 已缴费：%4 · 总费用 ¥%5</translation>
        </message>
        <message>
            <source>Service agreement: not accepted</source>
            <translation>服务协议：未同意</translation>
        </message>
        <message>
            <source>Service agreement: accepted, version not recorded</source>
            <translation>服务协议：已同意（未记录版本）</translation>
        </message>
        <message>
            <source>Service agreement: version %1 accepted</source>
            <translation>服务协议：已同意 %1 版</translation>
        </message>
        <message>
            <source>acknowledged %1</source>
            <translation>确认时间 %1</translation>
        </message>
        <message>
            <source>The serial number was typed: check the holder against the documents with extra care.</source>
            <translation>证书序列号为手工输入：请特别仔细地核对证书持有人与上传资料是否一致。</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::ApplicationQueue</name>
        <message>
            <source>Refresh</source>
            <translation>刷新</translation>
        </message>
        <message>
            <source>Applications</source>
            <translation>申请列表</translation>
        </message>
        <message>
            <source>Order No.</source>
            <translation>订单编号</translation>
        </message>
        <message>
            <source>Holder</source>
            <translation>持有人</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>证书类型</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Last change</source>
            <translation>最近变更</translation>
        </message>
        <message>
            <source>Refresh the list</source>
            <translation>刷新列表</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>正在加载…</translation>
        </message>
        <message>
            <source>Nothing is waiting.</source>
            <translation>暂无待办。</translation>
        </message>
        <message numerus="yes">
            <source>%n application(s)</source>
            <translation>
                <numerusform>共 %n 笔申请</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::ApplicationWizard</name>
        <message>
            <source>Certificate renewal and SM2 upgrade</source>
            <translation>证书续期+算法升级</translation>
        </message>
        <message>
            <source>Next</source>
            <translation>下一步</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>上一步</translation>
        </message>
        <message>
            <source>Finish</source>
            <translation>完成</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>No certificate service is configured.</source>
            <translation>未配置证书服务。</translation>
        </message>
        <message>
            <source>The application could not be submitted.</source>
            <translation>申请未能提交。</translation>
        </message>
        <message>
            <source>Goes on to the next step once this one is complete</source>
            <translation>本步骤填写完整后进入下一步</translation>
        </message>
        <message>
            <source>Returns to the previous step; nothing is lost</source>
            <translation>返回上一步，已填写的内容不会丢失</translation>
        </message>
        <message>
            <source>Closes the form after submission</source>
            <translation>提交后关闭申请表</translation>
        </message>
        <message>
            <source>Closes the form; the draft is kept</source>
            <translation>关闭申请表，草稿会保留</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::BankPage</name>
        <message>
            <source>Basic account name</source>
            <translation>基本户名称</translation>
        </message>
        <message>
            <source>Name of the organisation's corporate account</source>
            <translation>填写单位对公账户名称</translation>
        </message>
        <message>
            <source>Basic account bank</source>
            <translation>基本户开户行</translation>
        </message>
        <message>
            <source>Type a keyword of the bank to search</source>
            <translation>填写开户行关键字进行搜索</translation>
        </message>
        <message>
            <source>Basic account number</source>
            <translation>基本户账号</translation>
        </message>
        <message>
            <source>The organisation's bank account number</source>
            <translation>填写单位银行账户</translation>
        </message>
        <message>
            <source>Financial authentication information</source>
            <translation>金融认证信息</translation>
        </message>
        <message>
            <source>The organisation's basic account (fields marked * are required).</source>
            <translation>单位基本户信息（带 * 为必填项）。</translation>
        </message>
        <message>
            <source>Tip: choose the bank correctly from the drop-down list of search results; type part of the bank's Chinese name, for example the two characters for Industrial and Commercial Bank.</source>
            <translation>温馨提示：请正确选择搜索下拉框弹出的基本户开户行信息，例如：中国工商银行，输入工商关键字即可。</translation>
        </message>
        <message>
            <source>No bank matches this keyword: try a shorter part of the bank's name.</source>
            <translation>没有与该关键字匹配的开户行，请尝试更短的关键字，如“工商”或“建设”。</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::CentreSession</name>
        <message>
            <source>No certificate service is configured: start CertDesk with --server or --sandbox.</source>
            <translation>未配置证书服务：请使用 --server 或 --sandbox 启动 CertDesk。</translation>
        </message>
        <message>
            <source>The service does not know this application, or the access code kept on this computer is no longer valid.</source>
            <translation>服务端找不到该申请，或本机保存的访问凭证已失效。</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::CounterDesk</name>
        <message>
            <source>Walk-in applicant</source>
            <translation>现场申请人</translation>
        </message>
        <message>
            <source>New application for a walk-in applicant</source>
            <translation>为到柜客户新建申请</translation>
        </message>
        <message>
            <source>Applicant home</source>
            <translation>申请人首页</translation>
        </message>
        <message>
            <source>Sign out</source>
            <translation>退出登录</translation>
        </message>
        <message>
            <source>Fill in a new application for a walk-in applicant</source>
            <translation>为到柜客户填写新申请</translation>
        </message>
        <message>
            <source>Go to the applicant home page</source>
            <translation>前往申请人首页</translation>
        </message>
        <message>
            <source>Review</source>
            <translation>审核</translation>
        </message>
        <message>
            <source>Transfers</source>
            <translation>对公转账</translation>
        </message>
        <message>
            <source>Program UKey</source>
            <translation>制作 UKey</translation>
        </message>
        <message>
            <source>Shipment</source>
            <translation>寄送</translation>
        </message>
        <message>
            <source>Counter desk</source>
            <translation>柜台</translation>
        </message>
        <message>
            <source>Your staff session has expired. Sign in again to continue; the desk stays as it was.</source>
            <translation>您的登录已过期。请重新登录后继续，柜台页面会保持原样。</translation>
        </message>
        <message>
            <source>Signed in as %1 (%2) until %3</source>
            <translation>当前用户 %1（%2），有效至 %3</translation>
        </message>
        <message>
            <source>, </source>
            <translation>、</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::CounterSession</name>
        <message>
            <source>No certificate service is configured: start CertDesk with --server or --sandbox.</source>
            <translation>未配置证书服务：请使用 --server 或 --sandbox 启动 CertDesk。</translation>
        </message>
        <message>
            <source>Enter the user name and the password.</source>
            <translation>请输入用户名和密码。</translation>
        </message>
        <message>
            <source>Wrong user name or password.</source>
            <translation>用户名或密码错误。</translation>
        </message>
        <message>
            <source>Counter clerk</source>
            <translation>柜员</translation>
        </message>
        <message>
            <source>Reviewer</source>
            <translation>审核员</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::DocumentSlot</name>
        <message>
            <source>Choose file…</source>
            <translation>选择文件…</translation>
        </message>
        <message>
            <source>Scan</source>
            <translation>扫描</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Preview of %1</source>
            <translation>%1预览</translation>
        </message>
        <message>
            <source>Progress of %1</source>
            <translation>%1进度</translation>
        </message>
        <message>
            <source>Choose a file for %1</source>
            <translation>为%1选择文件</translation>
        </message>
        <message>
            <source>Scan %1</source>
            <translation>扫描%1</translation>
        </message>
        <message>
            <source>Cancel %1</source>
            <translation>取消%1</translation>
        </message>
        <message>
            <source>Download template</source>
            <translation>模板下载</translation>
        </message>
        <message>
            <source>Download the electronic seal collection form template</source>
            <translation>下载电子印章采集表模板</translation>
        </message>
        <message>
            <source>Uploaded.</source>
            <translation>已上传。</translation>
        </message>
        <message>
            <source>Uploaded (%1, %2).</source>
            <translation>已上传（%1，%2）。</translation>
        </message>
        <message>
            <source>Uploaded</source>
            <translation>已上传</translation>
        </message>
        <message>
            <source>Not uploaded yet.</source>
            <translation>尚未上传。</translation>
        </message>
        <message>
            <source>Not uploaded</source>
            <translation>未上传</translation>
        </message>
        <message>
            <source>Replace file…</source>
            <translation>重新上传…</translation>
        </message>
        <message>
            <source>Scan again</source>
            <translation>重新扫描</translation>
        </message>
        <message>
            <source>Scans and photos (%1)</source>
            <translation>扫描件和照片(%1)</translation>
        </message>
        <message>
            <source>All files (*)</source>
            <translation>所有文件 (*)</translation>
        </message>
        <message>
            <source>Choose the file for %1</source>
            <translation>请选择要上传的%1</translation>
        </message>
        <message>
            <source>Checking and preparing %1…</source>
            <translation>正在检查和处理 %1…</translation>
        </message>
        <message>
            <source>Scanning… Put the stamped document on the scanner glass, face down.</source>
            <translation>正在扫描…请将已盖章的资料正面朝下放在扫描仪玻璃板上。</translation>
        </message>
        <message>
            <source>Nothing was uploaded.</source>
            <translation>未上传任何文件。</translation>
        </message>
        <message>
            <source>Uploading…</source>
            <translation>正在上传…</translation>
        </message>
        <message>
            <source>The upload failed: %1</source>
            <translation>上传失败：%1</translation>
        </message>
        <message>
            <source>Print template</source>
            <translation>打印模板</translation>
        </message>
        <message>
            <source>QR code check of %1</source>
            <translation>%1二维码核对</translation>
        </message>
        <message>
            <source>QR code of the %1 checked: it belongs to this application.</source>
            <translation>已核对%1二维码，属于本申请。</translation>
        </message>
        <message>
            <source>This %1 belongs to another application (order number %2). Please upload the %1 printed for this application.</source>
            <translation>这份%1属于另一份申请（订单编号 %2），请上传本申请打印的%1。</translation>
        </message>
        <message>
            <source>This is the %1, not the %2. Please upload it in its own place and put the %2 here.</source>
            <translation>这是%1，不是%2。请将其上传到对应位置，此处请上传%2。</translation>
        </message>
        <message>
            <source>The QR code on the %1 could not be read. It is uploaded anyway; please make sure it is the form printed for this application (order number %2).</source>
            <translation>未能识别%1上的二维码，文件已照常上传；请确认这是为本申请（订单编号 %2）打印的表格。</translation>
        </message>
        <message>
            <source>Uploads a scan or photo of the stamped document from a file</source>
            <translation>从文件上传盖章资料的扫描件或照片</translation>
        </message>
        <message>
            <source>Scans the stamped document on the scanner and uploads it</source>
            <translation>用扫描仪扫描盖章资料并上传</translation>
        </message>
        <message>
            <source>Stops the upload or scan that is running</source>
            <translation>停止正在进行的上传或扫描</translation>
        </message>
        <message>
            <source>The form to print, stamp and upload here</source>
            <translation>打印、盖章后在此上传的表格</translation>
        </message>
        <message>
            <source>Review comment: %1 A new file has been uploaded.</source>
            <translation>审核意见：%1 已上传新文件。</translation>
        </message>
        <message>
            <source>Review comment: %1</source>
            <translation>审核意见：%1</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::DocumentViewer</name>
        <message>
            <source>Open with the system viewer</source>
            <translation>用系统程序打开</translation>
        </message>
        <message>
            <source>Uploaded documents</source>
            <translation>已上传资料</translation>
        </message>
        <message>
            <source>Document picture</source>
            <translation>资料图片</translation>
        </message>
        <message>
            <source>Open the document with the system viewer</source>
            <translation>用系统程序打开该资料</translation>
        </message>
        <message>
            <source>%1 (not uploaded)</source>
            <translation>%1（未上传）</translation>
        </message>
        <message>
            <source>No document was uploaded.</source>
            <translation>尚未上传任何资料。</translation>
        </message>
        <message>
            <source>Choose a document to view it.</source>
            <translation>请选择要查看的资料。</translation>
        </message>
        <message>
            <source>Loading %1…</source>
            <translation>正在加载%1…</translation>
        </message>
        <message>
            <source>%1: PDF document, %2. Open it with the system viewer to read it.</source>
            <translation>%1：PDF 文件，%2。请用系统程序打开查看。</translation>
        </message>
        <message>
            <source>%1: picture %2 × %3 pixels, %4.</source>
            <translation>%1：图片 %2 × %3 像素，%4。</translation>
        </message>
        <message>
            <source>%1: %2, %3; it cannot be shown here.</source>
            <translation>%1：%2，%3；此处无法显示。</translation>
        </message>
        <message>
            <source>Open document</source>
            <translation>打开资料</translation>
        </message>
        <message>
            <source>The document could not be saved for viewing: check the disk space.</source>
            <translation>无法保存资料以供查看：请检查磁盘空间。</translation>
        </message>
        <message>
            <source>No program to show this document was found on this PC.</source>
            <translation>本机没有可以打开该资料的程序。</translation>
        </message>
        <message>
            <source>Fit width</source>
            <translation>适应宽度</translation>
        </message>
        <message>
            <source>Show the document at the width of the view</source>
            <translation>按视图宽度显示资料</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::DocumentsPage</name>
        <message>
            <source>Next: identity check</source>
            <translation>下一步：身份认证</translation>
        </message>
        <message>
            <source>Accepted formats: %1; at most %2 MB per file. Scans and photos are straightened, scaled to A4 and compressed before the upload.</source>
            <translation>支持 %1 格式，每个文件不超过 %2 MB。扫描件和照片在上传前会自动摆正、缩放到A4大小并压缩。</translation>
        </message>
        <message>
            <source>On this terminal documents are taken with the scanner.</source>
            <translation>本终端仅支持通过扫描仪采集资料。</translation>
        </message>
        <message>
            <source>You can also drag a file onto its box.</source>
            <translation>也可以将文件直接拖到对应的资料框中。</translation>
        </message>
        <message>
            <source>The documents are with the CA for review and can no longer be changed.</source>
            <translation>资料已提交深圳CA审核，暂不能修改。</translation>
        </message>
        <message>
            <source>Goes on to the identity check once every document is uploaded</source>
            <translation>全部资料上传后进入身份认证</translation>
        </message>
        <message>
            <source>The CA returned the application: upload a new file in each box marked in red, then resubmit the application on the progress page.</source>
            <translation>CA 已驳回申请：请在每个标红的资料框中重新上传文件，然后在“办理进度”页重新提交申请。</translation>
        </message>
        <message>
            <source>Upload the four documents below; each box says which seal and signature it needs.</source>
            <translation>请上传以下四项资料，各资料框中注明了所需的盖章和签字。</translation>
        </message>
        <message>
            <source>Upload the three documents below; each box says which signature or seal it needs.</source>
            <translation>请上传以下三项资料，各资料框中注明了所需的签字或盖章。</translation>
        </message>
        <message>
            <source>%1 %2</source>
            <comment>two sentences</comment>
            <translation>%1%2</translation>
        </message>
        <message>
            <source>The organisation name or credential number on this application differs from the old certificate. A renewal keeps the holder of the old certificate, so the CA can approve it only with a document that proves the change, such as the market regulator&apos;s notice approving the change of name. Upload it in the box &quot;%1&quot; below.</source>
            <translation>本申请的机构名称或证件号码与原证书不一致。续期证书沿用原证书的持有人，CA 须核验变更证明后才能审核通过，例如市场监督管理部门出具的名称变更核准通知书（或变更登记通知书）。请在下方“%1”处上传。</translation>
        </message>
        <message>
            <source>The name or ID number on this application differs from the old certificate. A renewal keeps the holder of the old certificate, so the CA can approve it only with a document that proves the change, such as the public security bureau&apos;s certificate of the change of name or ID number. Upload it in the box &quot;%1&quot; below.</source>
            <translation>本申请的姓名或身份证号码与原证书不一致。续期证书沿用原证书的持有人，CA 须核验变更证明后才能审核通过，例如公安机关出具的姓名或身份证号码变更证明。请在下方“%1”处上传。</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::FormField</name>
        <message>
            <source>What can I do?</source>
            <translation>怎么办？</translation>
        </message>
        <message>
            <source>Error in %1</source>
            <translation>%1有误</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::FormPreview</name>
        <message>
            <source>Preview of the application form</source>
            <translation>申请表预览</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::HelpDialog</name>
        <message>
            <source>help_en.html</source>
            <translation>help_zh_CN.html</translation>
        </message>
        <message>
            <source>Help and FAQ</source>
            <translation>帮助与常见问题</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::HomePage</name>
        <message>
            <source>My applications (sign in with mobile number)</source>
            <translation>个人中心（手机号码登录）</translation>
        </message>
        <message>
            <source>Continue an application submitted on another computer or at a kiosk: sign in with the agent&apos;s (applicant&apos;s) mobile number and an SMS code.</source>
            <translation>继续办理在其他电脑或自助终端提交的申请：用经办人（申请人）手机号码和短信验证码登录。</translation>
        </message>
        <message>
            <source>Continue</source>
            <translation>继续办理</translation>
        </message>
        <message>
            <source>Delete draft</source>
            <translation>删除草稿</translation>
        </message>
        <message>
            <source>Bidding certificate renewal and SM2 algorithm upgrade</source>
            <translation>招投标类证书续期和算法升级</translation>
        </message>
        <message>
            <source>Fill in the form → print the application form → upload the stamped documents → identity check by WeChat → pay online → CA review → the new UKey is mailed</source>
            <translation>录入信息 → 打印申请表 → 上传资料 → 微信身份认证 → 在线支付 → CA 审核 → 邮寄新 UKey</translation>
        </message>
        <message>
            <source>New application</source>
            <translation>开始办理</translation>
        </message>
        <message>
            <source>Help and FAQ</source>
            <translation>帮助与常见问题</translation>
        </message>
        <message>
            <source>Saved drafts</source>
            <translation>已保存的草稿</translation>
        </message>
        <message>
            <source>Continue a saved draft</source>
            <translation>继续办理已保存的草稿</translation>
        </message>
        <message>
            <source>(not filled in yet)</source>
            <translation>（尚未填写）</translation>
        </message>
        <message>
            <source>%1 · %2 · saved %3</source>
            <translation>%1 · %2 · 保存于 %3</translation>
        </message>
        <message>
            <source>Track a submitted application</source>
            <translation>办理进度查询</translation>
        </message>
        <message>
            <source>Submitted applications</source>
            <translation>已提交的申请</translation>
        </message>
        <message>
            <source>View progress</source>
            <translation>查看办理进度</translation>
        </message>
        <message>
            <source>Order %1 · %2 · submitted %3</source>
            <translation>订单编号 %1 · %2 · 提交于 %3</translation>
        </message>
        <message>
            <source>%1 · %2</source>
            <translation>%1 · %2</translation>
        </message>
        <message>
            <source>status unknown</source>
            <translation>状态未知</translation>
        </message>
        <message>
            <source>No saved drafts. Press "New application" to start; what you type is saved as you go.</source>
            <translation>暂无已保存的草稿。点击“开始办理”即可办理，填写的内容会随时自动保存。</translation>
        </message>
        <message>
            <source>Starts the form for renewing and upgrading a certificate</source>
            <translation>开始填写证书续期及算法升级申请表</translation>
        </message>
        <message>
            <source>The guide and answers to common questions</source>
            <translation>办理指南和常见问题解答</translation>
        </message>
        <message>
            <source>Forms started on this computer and not yet submitted</source>
            <translation>在本机开始填写、尚未提交的申请表</translation>
        </message>
        <message>
            <source>Continues the draft chosen in the list</source>
            <translation>继续填写列表中选中的草稿</translation>
        </message>
        <message>
            <source>Deletes the draft chosen in the list</source>
            <translation>删除列表中选中的草稿</translation>
        </message>
        <message>
            <source>Applications sent from this computer, with their state</source>
            <translation>从本机提交的申请及其办理状态</translation>
        </message>
        <message>
            <source>Opens the application chosen in the list</source>
            <translation>打开列表中选中的申请</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::IdCardButton</name>
        <message>
            <source>Read ID card</source>
            <translation>读取身份证</translation>
        </message>
        <message>
            <source>Fills in the %1's name and ID number from the ID card on the reader</source>
            <translation>从阅读器上的身份证读取并填入%1的姓名和身份证号码</translation>
        </message>
        <message>
            <source>Result of reading the ID card</source>
            <translation>读取身份证的结果</translation>
        </message>
        <message>
            <source>Reading the ID card...</source>
            <translation>正在读取身份证……</translation>
        </message>
        <message>
            <source>The ID card was read: name and ID number filled in. Check them.</source>
            <translation>身份证已读取：姓名和身份证号码已填入，请核对。</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::InvoicePage</name>
        <message>
            <source>No invoice needed</source>
            <translation>无需发票</translation>
        </message>
        <message>
            <source>Electronic invoice</source>
            <translation>电子发票</translation>
        </message>
        <message>
            <source>Invoice information</source>
            <translation>发票信息</translation>
        </message>
        <message>
            <source>Choose whether an invoice is needed.</source>
            <translation>选择是否需要发票。</translation>
        </message>
        <message>
            <source>After payment the electronic invoice link is sent to the agent's (or applicant's) mobile phone and e-mail.</source>
            <translation>缴费成功后，电子发票链接即发送至经办人（或申请人）预留的手机和邮箱中。</translation>
        </message>
        <message>
            <source>How to receive the invoice</source>
            <translation>发票领取方式</translation>
        </message>
        <message>
            <source>No invoice is issued for this application</source>
            <translation>本次申请不开具发票</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::IssuancePage</name>
        <message>
            <source>Reading the state of UKey %1…</source>
            <translation>正在读取 UKey %1 的状态…</translation>
        </message>
        <message>
            <source>Not programmed: stopped waiting for the UKey.</source>
            <translation>未制证：已停止等待 UKey。</translation>
        </message>
        <message>
            <source>Stopped waiting for the UKey: its PIN may not have been changed. Check it before the UKey leaves the counter.</source>
            <translation>已停止等待 UKey：其 PIN 码可能未修改。UKey 交出柜台前请核实。</translation>
        </message>
        <message>
            <source>Program UKey</source>
            <translation>制作 UKey</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Program the chosen UKey for the chosen application</source>
            <translation>为所选申请制作所选 UKey</translation>
        </message>
        <message>
            <source>Cancel programming</source>
            <translation>取消制作</translation>
        </message>
        <message>
            <source>Programming steps</source>
            <translation>制作步骤</translation>
        </message>
        <message>
            <source>Programming progress</source>
            <translation>制作进度</translation>
        </message>
        <message>
            <source>New UKey</source>
            <translation>新 UKey</translation>
        </message>
        <message>
            <source>Programming</source>
            <translation>制作</translation>
        </message>
        <message>
            <source>Choose an approved application in the list, then the new UKey.</source>
            <translation>请在列表中选择已审核通过的申请，再选择新的 UKey。</translation>
        </message>
        <message numerus="yes">
            <source>Order %1 · %2 · %3 · %n year(s)</source>
            <translation>
                <numerusform>订单 %1 · %2 · %3 · %n 年</numerusform>
            </translation>
        </message>
        <message>
            <source>Programming UKeys needs the counter clerk role.</source>
            <translation>制作 UKey 需要柜员权限。</translation>
        </message>
        <message>
            <source>Write the new SM2 certificates of order %1 (%2) to UKey %3? When the service confirms, the old certificate is revoked.</source>
            <translation>将订单 %1（%2）的新 SM2 证书写入 UKey %3？服务确认后，原证书将被注销。</translation>
        </message>
        <message>
            <source>The PIN of the NEW UKey, to write the certificates of order %1.</source>
            <translation>请输入新 UKey 的 PIN 码，用于写入订单 %1 的证书。</translation>
        </message>
        <message>
            <source>Not programmed: no PIN was entered.</source>
            <translation>未制作：没有输入 PIN 码。</translation>
        </message>
        <message>
            <source>Type the PIN of the new UKey on the reader's PIN pad.</source>
            <translation>请在读卡器的密码键盘上输入新 UKey 的 PIN 码。</translation>
        </message>
        <message>
            <source>Programming UKey %1 for order %2…</source>
            <translation>正在为订单 %2 制作 UKey %1…</translation>
        </message>
        <message>
            <source>Cancelling: removing what was written to the UKey…</source>
            <translation>正在取消：清除已写入 UKey 的内容…</translation>
        </message>
        <message>
            <source>UKey %1 now holds the new SM2 signing and encryption certificates of order %2, and the old certificate is revoked. Next: hand it over or send it (Shipment).</source>
            <translation>UKey %1 已写入订单 %2 的新 SM2 签名证书和加密证书，原证书已注销。下一步：交付或寄送（寄送页）。</translation>
        </message>
        <message>
            <source>Programming failed.</source>
            <translation>制作失败。</translation>
        </message>
        <message>
            <source>This UKey still has its factory default PIN. Let the applicant type a PIN of their own now, so that nobody else can use the new certificates.</source>
            <translation>该 UKey 仍使用出厂默认 PIN 码。请让申请人现在设置自己的 PIN 码，以免他人使用新证书。</translation>
        </message>
        <message>
            <source>This UKey asks for its PIN to be changed. Let the applicant type a PIN of their own now.</source>
            <translation>该 UKey 要求修改 PIN 码。请让申请人现在设置自己的 PIN 码。</translation>
        </message>
        <message>
            <source>The PIN was not changed: tell the applicant to change it before the first use.</source>
            <translation>PIN 码未修改：请提醒申请人在首次使用前修改。</translation>
        </message>
        <message>
            <source>Changing the PIN…</source>
            <translation>正在修改 PIN 码…</translation>
        </message>
        <message>
            <source>The PIN was not changed: %1</source>
            <translation>PIN 码未修改：%1</translation>
        </message>
        <message>
            <source>The PIN of UKey %1 was changed. Only the applicant knows it now.</source>
            <translation>UKey %1 的 PIN 码已修改，现在只有申请人知道。</translation>
        </message>
        <message>
            <source>The UKey will be mailed: set a random initial PIN, sent to the applicant by SMS with the shipment</source>
            <translation>UKey 将邮寄：设置随机初始 PIN 码，登记寄送时以短信发给申请人</translation>
        </message>
        <message>
            <source>The UKey will be mailed</source>
            <translation>UKey 将邮寄</translation>
        </message>
        <message>
            <source>After programming, the UKey gets a random initial PIN that nobody at the counter sees; the service sends it to the applicant by SMS when the shipment is recorded.</source>
            <translation>制证后，UKey 会设置一个柜台人员看不到的随机初始 PIN 码；登记寄送时，服务端以短信将其发给申请人。</translation>
        </message>
        <message>
            <source>Setting a random initial PIN for mailing…</source>
            <translation>正在为邮寄设置随机初始 PIN 码…</translation>
        </message>
        <message>
            <source>The initial PIN was not set: %1 The UKey still has the PIN typed for programming; change it before mailing.</source>
            <translation>初始 PIN 码未设置：%1 UKey 仍使用制证时输入的 PIN 码，请在邮寄前修改。</translation>
        </message>
        <message>
            <source>UKey %1 has a random initial PIN. Nobody at the counter sees it: the service sends it to the applicant by SMS when you record the shipment (Shipment).</source>
            <translation>UKey %1 已设置随机初始 PIN 码。柜台人员看不到它：您登记寄送（寄送页）时，服务端会以短信发给申请人。</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::LetterPage</name>
        <message>
            <source>Print preview…</source>
            <translation>打印预览…</translation>
        </message>
        <message>
            <source>Print application form…</source>
            <translation>打印申请表…</translation>
        </message>
        <message>
            <source>Download application form (PDF)…</source>
            <translation>下载申请表（PDF）…</translation>
        </message>
        <message>
            <source>Download the electronic seal collection form…</source>
            <translation>下载电子印章采集表模板…</translation>
        </message>
        <message>
            <source>Next: upload documents</source>
            <translation>下一步：上传资料</translation>
        </message>
        <message>
            <source>Download the electronic seal collection form template</source>
            <translation>下载电子印章采集表模板</translation>
        </message>
        <message>
            <source>Print the electronic seal collection form…</source>
            <translation>打印电子印章采集表…</translation>
        </message>
        <message>
            <source>Print the certificate algorithm upgrade application form, stamp it with the organisation's official seal and have the agent sign it by hand. Then scan it and upload it in the next step.</source>
            <translation>打印证书算法升级申请表，加盖单位实体公章和经办人手写签名，扫描后在下一步上传。</translation>
        </message>
        <message>
            <source>Print the certificate algorithm upgrade application form and sign it by hand. Then scan it and upload it in the next step.</source>
            <translation>打印证书算法升级申请表，申请人本人手写签名，扫描后在下一步上传。</translation>
        </message>
        <message>
            <source>The application form was sent to the printer.</source>
            <translation>申请表已发送到打印机。</translation>
        </message>
        <message>
            <source>Save the application form</source>
            <translation>保存申请表</translation>
        </message>
        <message>
            <source>PDF (*.pdf)</source>
            <translation>PDF 文件 (*.pdf)</translation>
        </message>
        <message>
            <source>Saved: %1</source>
            <translation>已保存：%1</translation>
        </message>
        <message>
            <source>The electronic seal collection form was sent to the printer.</source>
            <translation>电子印章采集表已发送到打印机。</translation>
        </message>
        <message>
            <source>Save the electronic seal collection form</source>
            <translation>保存电子印章采集表</translation>
        </message>
        <message>
            <source>Goes on to uploading the stamped documents</source>
            <translation>进入上传盖章资料</translation>
        </message>
        <message>
            <source>Shows the application form as it will be printed</source>
            <translation>按打印效果预览申请表</translation>
        </message>
        <message>
            <source>Prints the application form to be stamped and signed</source>
            <translation>打印申请表，以便盖章和签字</translation>
        </message>
        <message>
            <source>Saves the application form as a PDF file</source>
            <translation>将申请表保存为 PDF 文件</translation>
        </message>
        <message>
            <source>The electronic seal collection form, pre-filled</source>
            <translation>已预填的电子印章采集表</translation>
        </message>
        <message>
            <source>Zoom of the application form</source>
            <translation>申请表显示比例</translation>
        </message>
        <message>
            <source>Whole page</source>
            <translation>整页</translation>
        </message>
        <message>
            <source>Page width</source>
            <translation>适合宽度</translation>
        </message>
        <message>
            <source>100%</source>
            <translation>100%</translation>
        </message>
        <message>
            <source>150%</source>
            <translation>150%</translation>
        </message>
        <message>
            <source>Zoom:</source>
            <translation>显示比例：</translation>
        </message>
        <message>
            <source>Shows the form as a whole page, as wide as the window, or at its printed size</source>
            <translation>按整页、适合窗口宽度或实际打印大小显示申请表</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::LivenessPage</name>
        <message>
            <source>Get a new QR code</source>
            <translation>获取新二维码</translation>
        </message>
        <message>
            <source>Open the check page in the browser (training mode)</source>
            <translation>在浏览器中打开认证页面（培训模式）</translation>
        </message>
        <message>
            <source>Next: online payment</source>
            <translation>下一步：在线支付</translation>
        </message>
        <message>
            <source>WeChat identity check QR code</source>
            <translation>微信身份认证二维码</translation>
        </message>
        <message>
            <source>Preparing the QR code…</source>
            <translation>正在生成二维码…</translation>
        </message>
        <message>
            <source>Preparing the identity check…</source>
            <translation>正在准备身份认证…</translation>
        </message>
        <message>
            <source>Waiting for the scan…</source>
            <translation>等待扫码认证…</translation>
        </message>
        <message>
            <source>Open WeChat on the agent's phone, tap Scan and follow the steps. This page updates by itself.</source>
            <translation>请经办人打开手机微信，使用“扫一扫”扫描二维码并按提示操作，本页面会自动更新。</translation>
        </message>
        <message>
            <source>Open WeChat on the applicant's phone, tap Scan and follow the steps. This page updates by itself.</source>
            <translation>请申请人打开手机微信，使用“扫一扫”扫描二维码并按提示操作，本页面会自动更新。</translation>
        </message>
        <message>
            <source>The QR code has expired.</source>
            <translation>二维码已过期。</translation>
        </message>
        <message>
            <source>Get a new QR code and scan it.</source>
            <translation>请获取新二维码后重新扫码。</translation>
        </message>
        <message>
            <source>The identity check failed.</source>
            <translation>身份认证未通过。</translation>
        </message>
        <message>
            <source>The person scanning must be the agent named on the form, and the name and ID number in WeChat must match the form. If the form is wrong, correct it (Progress → Edit application), then get a new QR code and scan again.</source>
            <translation>扫码人必须是申请表中的经办人本人，且微信中的姓名和身份证号码须与申请表一致。如申请表填写有误，请先修改（办理进度 → 修改申请信息），再获取新二维码重新认证。</translation>
        </message>
        <message>
            <source>The person scanning must be the applicant named on the form, and the name and ID number in WeChat must match the form. If the form is wrong, correct it (Progress → Edit application), then get a new QR code and scan again.</source>
            <translation>扫码人必须是申请表中的申请人本人，且微信中的姓名和身份证号码须与申请表一致。如申请表填写有误，请先修改（办理进度 → 修改申请信息），再获取新二维码重新认证。</translation>
        </message>
        <message>
            <source>Identity check passed.</source>
            <translation>身份认证已通过。</translation>
        </message>
        <message>
            <source>Continue with the online payment.</source>
            <translation>请继续在线支付。</translation>
        </message>
        <message>
            <source>The identity check is not needed now.</source>
            <translation>当前无需进行身份认证。</translation>
        </message>
        <message>
            <source>Check the network connection and get a new QR code.</source>
            <translation>请检查网络连接后获取新二维码。</translation>
        </message>
        <message>
            <source>Expired</source>
            <translation>已过期</translation>
        </message>
        <message>
            <source>Check failed</source>
            <translation>认证未通过</translation>
        </message>
        <message>
            <source>Check again with a new QR code</source>
            <translation>获取新二维码重新认证</translation>
        </message>
        <message>
            <source>The agent scans the QR code with WeChat (Scan) and completes the online liveness check.</source>
            <translation>经办人使用微信扫一扫功能，在线完成经办人活体认证。</translation>
        </message>
        <message>
            <source>The applicant scans the QR code with WeChat (Scan) and completes the online liveness check.</source>
            <translation>申请人使用微信扫一扫功能，在线完成申请人活体认证。</translation>
        </message>
        <message>
            <source>Note: complete the check with WeChat; the identity information must match the applicant information on the form.</source>
            <translation>提示：请使用微信扫码完成认证（身份认证信息需与申请人信息保持一致）</translation>
        </message>
        <message>
            <source>Who scans: the agent %1, ID number %2</source>
            <translation>扫码认证人：经办人 %1，身份证号码 %2</translation>
        </message>
        <message>
            <source>Who scans: the applicant %1, ID number %2</source>
            <translation>扫码认证人：申请人 %1，身份证号码 %2</translation>
        </message>
        <message>
            <source>The QR code is valid until %1.</source>
            <translation>二维码有效期至 %1。</translation>
        </message>
        <message>
            <source>Reason: %1</source>
            <translation>原因：%1</translation>
        </message>
        <message>
            <source>Opens the identity check page in the browser of this computer</source>
            <translation>在本机浏览器中打开身份认证页面</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::LookupPage</name>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Stop waiting for the old UKey</source>
            <translation>停止等待原 UKey</translation>
        </message>
        <message>
            <source>You can also cancel and type the serial number of the old certificate.</source>
            <translation>也可以取消，改为输入原证书的序列号。</translation>
        </message>
        <message>
            <source>Stopped waiting for the UKey. Type the serial number of the old certificate, or try again with the UKey.</source>
            <translation>已停止等待 UKey。请输入原证书的序列号，或重新从 UKey 读取。</translation>
        </message>
        <message>
            <source>Certificate serial number</source>
            <translation>证书序列号</translation>
        </message>
        <message>
            <source>Enter the serial number of the certificate to renew</source>
            <translation>输入需续期的证书序列号</translation>
        </message>
        <message>
            <source>Certificate to renew</source>
            <translation>输入证书序列号</translation>
        </message>
        <message>
            <source>The serial number is shown in the certificate details (hexadecimal, e.g. 5F:3A:0C:…); colons and spaces may be kept.</source>
            <translation>序列号可在证书详细信息中查看（十六进制，如 5F:3A:0C:…），可保留冒号和空格。</translation>
        </message>
        <message>
            <source>Look up</source>
            <translation>查询</translation>
        </message>
        <message>
            <source>No certificate service is configured: start CertDesk with --server or --sandbox.</source>
            <translation>未配置证书服务：请使用 --server 或 --sandbox 启动证书服务台。</translation>
        </message>
        <message>
            <source>Looking up the certificate…</source>
            <translation>正在查询证书…</translation>
        </message>
        <message>
            <source>No certificate with this serial number was found. Check the number and try again.</source>
            <translation>未找到该序列号的证书，请核对后重试。</translation>
        </message>
        <message>
            <source>Certificate kind: %1 (as the CA recorded it for this certificate)</source>
            <translation>证书类型：%1（以 CA 对该证书的登记为准）</translation>
        </message>
        <message>
            <source>Holder</source>
            <translation>持有者</translation>
        </message>
        <message>
            <source>Algorithm</source>
            <translation>算法</translation>
        </message>
        <message>
            <source>Valid until</source>
            <translation>有效期至</translation>
        </message>
        <message>
            <source>Fee per year</source>
            <translation>每年费用</translation>
        </message>
        <message>
            <source>¥%1</source>
            <translation>¥%1元</translation>
        </message>
        <message>
            <source>Renewal</source>
            <translation>续期</translation>
        </message>
        <message numerus="yes">
            <source>Allowed, 1 to %n year(s)</source>
            <translation>
                <numerusform>可续期 1 至 %n 年</numerusform>
            </translation>
        </message>
        <message>
            <source>New validity starts</source>
            <translation>新证书有效期起始</translation>
        </message>
        <message>
            <source>This certificate cannot be renewed now.</source>
            <translation>该证书目前不能办理续期。</translation>
        </message>
        <message>
            <source>%1 — serial %2 — on UKey %3</source>
            <translation>%1 — 序列号 %2 — 位于 UKey %3</translation>
        </message>
        <message>
            <source>Read from UKey</source>
            <translation>从 UKey 读取</translation>
        </message>
        <message>
            <source>Use this certificate</source>
            <translation>使用此证书</translation>
        </message>
        <message>
            <source>Sign with the old UKey</source>
            <translation>用原 UKey 签名</translation>
        </message>
        <message>
            <source>Insert your current UKey and read the certificate from it, or enter its serial number. The certificate&apos;s kind (institution or natural person) is taken from the CA&apos;s records.</source>
            <translation>请插入现有的 UKey 并从中读取证书，或输入证书序列号。证书类型（机构或自然人）以 CA 的登记为准。</translation>
        </message>
        <message>
            <source>Read the certificate from the old UKey</source>
            <translation>从原 UKey 读取证书</translation>
        </message>
        <message>
            <source>Reads the certificate on the inserted UKey and proves with its PIN that you hold it. Nothing is written to the UKey.</source>
            <translation>读取已插入 UKey 中的证书，并用 PIN 码证明您持有该证书。不会向 UKey 写入任何内容。</translation>
        </message>
        <message>
            <source>Certificates on the inserted UKeys</source>
            <translation>已插入 UKey 中的证书</translation>
        </message>
        <message>
            <source>Use the chosen certificate</source>
            <translation>使用所选证书</translation>
        </message>
        <message>
            <source>Old UKey status</source>
            <translation>原 UKey 状态</translation>
        </message>
        <message>
            <source>Sign the lookup challenge with the old UKey</source>
            <translation>用原 UKey 对查询挑战值签名</translation>
        </message>
        <message>
            <source>The old UKey proved that you hold this certificate.</source>
            <translation>原 UKey 已证明您持有该证书。</translation>
        </message>
        <message>
            <source>Reading the certificates on the inserted UKeys…</source>
            <translation>正在读取已插入 UKey 中的证书…</translation>
        </message>
        <message>
            <source>No certificate was found. Insert the old UKey (the one holding the certificate to renew) and try again.</source>
            <translation>未找到证书。请插入原 UKey（存有待续期证书的 UKey）后重试。</translation>
        </message>
        <message>
            <source>The inserted UKeys hold no RSA certificate. Insert the old UKey (the one holding the certificate to renew) and try again.</source>
            <translation>已插入的 UKey 中没有 RSA 证书。请插入原 UKey（存有待续期证书的 UKey）后重试。</translation>
        </message>
        <message>
            <source>Several certificates were found: choose the one to renew.</source>
            <translation>找到多张证书：请选择要续期的证书。</translation>
        </message>
        <message>
            <source>Certificate read from UKey %1. Looking it up…</source>
            <translation>已从 UKey %1 读取证书，正在查询…</translation>
        </message>
        <message>
            <source>Reading the PIN state of UKey %1…</source>
            <translation>正在读取 UKey %1 的 PIN 码状态…</translation>
        </message>
        <message>
            <source>Type the PIN of the old UKey on the reader's PIN pad.</source>
            <translation>请在读卡器的密码键盘上输入原 UKey 的 PIN 码。</translation>
        </message>
        <message>
            <source>The old certificate signs a one-time challenge from the CA to prove that you hold it. The PIN is used once and not kept; nothing is written to the UKey.</source>
            <translation>原证书将对 CA 下发的一次性挑战值签名，以证明您持有该证书。PIN 码仅使用一次且不会保存；不会向 UKey 写入任何内容。</translation>
        </message>
        <message>
            <source>Not signed: the serial number was filled in, but holding the old certificate is not proven. Sign with the old UKey to prove it.</source>
            <translation>未签名：已填入证书序列号，但尚未证明您持有原证书。请用原 UKey 签名以证明。</translation>
        </message>
        <message>
            <source>Signing with the old UKey…</source>
            <translation>正在用原 UKey 签名…</translation>
        </message>
        <message>
            <source>Sign again</source>
            <translation>重新签名</translation>
        </message>
        <message>
            <source>The old UKey proved that you hold this certificate: the application will be marked as verified by the old certificate.</source>
            <translation>原 UKey 已证明您持有该证书：申请将标记为已通过原证书验证。</translation>
        </message>
        <message>
            <source>The old UKey's signature is no longer valid (a challenge from the lookup proves possession once, within a few minutes). Sign again with the old UKey, or continue without: the application is then not marked as verified by the old certificate.</source>
            <translation>原 UKey 的签名已失效（查询得到的挑战值只能在几分钟内使用一次）。请用原 UKey 重新签名，或不签名继续：此时申请不会标记为已通过原证书验证。</translation>
        </message>
        <message>
            <source>Training certificates:</source>
            <translation>培训用证书：</translation>
        </message>
        <message>
            <source>Training certificates</source>
            <translation>培训用证书</translation>
        </message>
        <message>
            <source>Use</source>
            <translation>使用</translation>
        </message>
        <message>
            <source>%1 · %2 · %3</source>
            <translation>%1 · %2 · %3</translation>
        </message>
        <message>
            <source>renewable</source>
            <translation>可续期</translation>
        </message>
        <message>
            <source>not renewable (to see the refusal)</source>
            <translation>不可续期（演示拒绝情形）</translation>
        </message>
        <message>
            <source>Asks the CA about the certificate with this serial number</source>
            <translation>向CA查询此序列号对应的证书</translation>
        </message>
        <message>
            <source>Certificates of the training service to practise with</source>
            <translation>培训服务中用于练习的证书</translation>
        </message>
        <message>
            <source>Puts the chosen training certificate's serial number in the field</source>
            <translation>将所选培训证书的序列号填入输入框</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::MailingPage</name>
        <message>
            <source>Delivery address</source>
            <translation>收件地址</translation>
        </message>
        <message>
            <source>Street, building and room for the certificate UKey</source>
            <translation>填写证书收件地址</translation>
        </message>
        <message>
            <source>Mailing information</source>
            <translation>邮寄信息</translation>
        </message>
        <message>
            <source>The new UKey is mailed to this address. The invoice is only electronic: its link comes by SMS and e-mail.</source>
            <translation>新的证书 UKey 将邮寄到此地址。发票仅提供电子发票，链接将通过短信和邮件发送。</translation>
        </message>
        <message>
            <source>Detailed address for receiving the mailed UKey.</source>
            <translation>接收邮寄证书 UKey 的详细地址</translation>
        </message>
        <message>
            <source>Province</source>
            <translation>省</translation>
        </message>
        <message>
            <source>City</source>
            <translation>市</translation>
        </message>
        <message>
            <source>County or district</source>
            <translation>县（区）</translation>
        </message>
        <message>
            <source>Province / city / county</source>
            <translation>省市县</translation>
        </message>
        <message>
            <source>Select province</source>
            <translation>请选择省</translation>
        </message>
        <message>
            <source>Select city</source>
            <translation>请选择市</translation>
        </message>
        <message>
            <source>Select county</source>
            <translation>请选择县</translation>
        </message>
        <message>
            <source>Part of the mailing address: province, then city, then county</source>
            <translation>邮寄地址的一部分：依次选择省、市、县</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::MainWindow</name>
        <message>
            <source>CertDesk — training mode</source>
            <translation>证书服务台 — 培训模式</translation>
        </message>
        <message>
            <source>CertDesk</source>
            <translation>证书服务台</translation>
        </message>
        <message>
            <source>Navigation</source>
            <translation>导航</translation>
        </message>
        <message>
            <source>Home</source>
            <translation>首页</translation>
        </message>
        <message>
            <source>Help</source>
            <translation>帮助</translation>
        </message>
        <message>
            <source>Training mode: the embedded sandbox service is used; nothing reaches the CA.</source>
            <translation>培训模式：使用内置沙箱服务，数据不会提交给 CA。</translation>
        </message>
        <message>
            <source>The local database could not be opened: drafts will not be kept.</source>
            <translation>无法打开本地数据库：草稿将不会保存。</translation>
        </message>
        <message>
            <source>Draft saved at %1</source>
            <translation>填写的内容已于 %1 自动保存</translation>
        </message>
        <message>
            <source>The draft could not be saved: check the disk space.</source>
            <translation>草稿保存失败：请检查磁盘空间。</translation>
        </message>
        <message numerus="yes">
            <source>No activity: in %n second(s) everything entered in this session is cleared. Touch the screen to continue.</source>
            <translation>
                <numerusform>长时间无操作：%n 秒后将清除本次填写的全部信息。请触摸屏幕继续办理。</numerusform>
            </translation>
        </message>
        <message>
            <source>Counter desk</source>
            <translation>柜台</translation>
        </message>
        <message>
            <source>Time left in this session</source>
            <translation>本次操作剩余时间</translation>
        </message>
        <message>
            <source>Without input, everything entered is cleared when this reaches zero</source>
            <translation>无操作时，倒计时结束后将清除已填写的全部内容</translation>
        </message>
        <message>
            <source>Session time left %1:%2</source>
            <translation>剩余时间 %1:%2</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::OnScreenKeyboard</name>
        <message>
            <source>On-screen keyboard</source>
            <translation>屏幕键盘</translation>
        </message>
        <message>
            <source>Touch keyboard for the field that has the focus</source>
            <translation>用于当前输入框的触摸键盘</translation>
        </message>
        <message>
            <source>On-screen keyboard key</source>
            <translation>屏幕键盘按键</translation>
        </message>
        <message>
            <source>Pinyin being typed</source>
            <translation>正在输入的拼音</translation>
        </message>
        <message>
            <source>Candidate %1</source>
            <translation>候选字词 %1</translation>
        </message>
        <message>
            <source>Types these characters</source>
            <translation>输入这些汉字</translation>
        </message>
        <message>
            <source>Previous candidates</source>
            <translation>上一页候选</translation>
        </message>
        <message>
            <source>More candidates</source>
            <translation>下一页候选</translation>
        </message>
        <message>
            <source>Check character X of an ID number</source>
            <translation>身份证号码的校验码 X</translation>
        </message>
        <message>
            <source>Switch between pinyin and Latin letters</source>
            <translation>在拼音和英文字母之间切换</translation>
        </message>
        <message>
            <source>Space</source>
            <translation>空格</translation>
        </message>
        <message>
            <source>Chooses the first candidate, or types a space</source>
            <translation>选择第一个候选，或输入空格</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>删除</translation>
        </message>
        <message>
            <source>Deletes the last letter or character</source>
            <translation>删除最后一个字母或字符</translation>
        </message>
        <message>
            <source>Enter</source>
            <translation>确定</translation>
        </message>
        <message>
            <source>Types the pinyin letters as they are, or confirms the field</source>
            <translation>按原样输入拼音字母，或确认当前输入框</translation>
        </message>
        <message>
            <source>Chinese (pinyin) input is not available on this terminal: Latin letters and digits only.</source>
            <translation>本终端不支持中文（拼音）输入：只能输入英文字母和数字。</translation>
        </message>
        <message>
            <source>Pinyin</source>
            <translation>拼音</translation>
        </message>
        <message>
            <source>ABC</source>
            <translation>ABC</translation>
        </message>
        <message>
            <source>Hide</source>
            <translation>收起</translation>
        </message>
        <message>
            <source>Hide keyboard</source>
            <translation>收起键盘</translation>
        </message>
        <message>
            <source>Puts the keyboard away; touch a field to bring it back</source>
            <translation>收起键盘；点击输入框可再次打开</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::OldCertificateStatusLabel</name>
        <message>
            <source>Old certificate status</source>
            <translation>原证书状态</translation>
        </message>
        <message>
            <source>Old certificate %1: asking the CA for its status…</source>
            <translation>原证书 %1：正在向 CA 查询状态…</translation>
        </message>
        <message>
            <source>Old certificate %1: its status could not be checked (%2).</source>
            <translation>原证书 %1：无法查询状态（%2）。</translation>
        </message>
        <message>
            <source>Old certificate %1: the CA&apos;s status answer failed the signature checks, so it is not shown. Call the CA&apos;s hotline %2.</source>
            <translation>原证书 %1：CA 返回的状态应答未通过签名校验，因此不予显示。请拨打 CA 服务热线 %2。</translation>
        </message>
        <message>
            <source>Old certificate %1: still valid (not revoked), according to the CA&apos;s OCSP responder.</source>
            <translation>原证书 %1：仍然有效（未吊销），依据 CA 的 OCSP 服务。</translation>
        </message>
        <message>
            <source>Old certificate %1: revoked on %2, replaced by the new certificates (CA&apos;s OCSP responder).</source>
            <translation>原证书 %1：已于 %2 吊销，已由新证书取代（依据 CA 的 OCSP 服务）。</translation>
        </message>
        <message>
            <source>Old certificate %1: revoked on %2 (CA&apos;s OCSP responder).</source>
            <translation>原证书 %1：已于 %2 吊销（依据 CA 的 OCSP 服务）。</translation>
        </message>
        <message>
            <source>Old certificate %1: the CA&apos;s OCSP responder does not know this certificate.</source>
            <translation>原证书 %1：CA 的 OCSP 服务中查无此证书。</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::OrganizationPage</name>
        <message>
            <source>Organisation name</source>
            <translation>机构名称</translation>
        </message>
        <message>
            <source>Full registered name of the organisation</source>
            <translation>填写机构名称</translation>
        </message>
        <message>
            <source>Organisation credential number</source>
            <translation>机构证件号码</translation>
        </message>
        <message>
            <source>18-character unified social credit code</source>
            <translation>填写 18 位统一社会信用代码</translation>
        </message>
        <message>
            <source>Organisation address</source>
            <translation>单位地址</translation>
        </message>
        <message>
            <source>Registered address of the organisation</source>
            <translation>填写单位地址</translation>
        </message>
        <message>
            <source>Agent</source>
            <translation>经办人</translation>
        </message>
        <message>
            <source>Organisation and agent</source>
            <translation>单位和经办人信息</translation>
        </message>
        <message>
            <source>Fill in the organisation and the agent who handles this application (fields marked * are required).</source>
            <translation>请填写单位信息和办理本业务的经办人信息（带 * 为必填项）。</translation>
        </message>
        <message>
            <source>Organisation information</source>
            <translation>单位信息</translation>
        </message>
        <message>
            <source>Agent information</source>
            <translation>经办人信息</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::PaymentPage</name>
        <message>
            <source>%1 yuan</source>
            <translation>%1元</translation>
        </message>
        <message>
            <source>Please choose a payment method</source>
            <translation>请选择支付方式</translation>
        </message>
        <message>
            <source>WeChat Pay</source>
            <translation>微信支付</translation>
        </message>
        <message>
            <source>Alipay</source>
            <translation>支付宝</translation>
        </message>
        <message>
            <source>Corporate account transfer</source>
            <translation>对公账号付款</translation>
        </message>
        <message>
            <source>Pay now</source>
            <translation>立即支付</translation>
        </message>
        <message>
            <source>Open the payment page in the browser (training mode)</source>
            <translation>在浏览器中打开支付页面（培训模式）</translation>
        </message>
        <message>
            <source>Choose another payment method</source>
            <translation>更换支付方式</translation>
        </message>
        <message>
            <source>Order information</source>
            <translation>订单信息</translation>
        </message>
        <message>
            <source>Order number:</source>
            <translation>订单编号：</translation>
        </message>
        <message>
            <source>Business service:</source>
            <translation>业务服务：</translation>
        </message>
        <message>
            <source>Business description:</source>
            <translation>业务描述：</translation>
        </message>
        <message>
            <source>Years:</source>
            <translation>办理年限：</translation>
        </message>
        <message>
            <source>Certificate fee:</source>
            <translation>证书费用：</translation>
        </message>
        <message>
            <source>Express fee:</source>
            <translation>快递费用：</translation>
        </message>
        <message>
            <source>Total fee:</source>
            <translation>总费用：</translation>
        </message>
        <message>
            <source>Payment platform:</source>
            <translation>支付平台：</translation>
        </message>
        <message>
            <source>Payment QR code</source>
            <translation>支付二维码</translation>
        </message>
        <message>
            <source>Payee:</source>
            <translation>收款单位：</translation>
        </message>
        <message>
            <source>Bank:</source>
            <translation>开户银行：</translation>
        </message>
        <message>
            <source>Account number:</source>
            <translation>收款账号：</translation>
        </message>
        <message>
            <source>Reference to quote:</source>
            <translation>转账附言（付款参考号）：</translation>
        </message>
        <message>
            <source>Amount:</source>
            <translation>金额：</translation>
        </message>
        <message>
            <source>Copy</source>
            <translation>复制</translation>
        </message>
        <message>
            <source>Copy %1</source>
            <translation>复制%1</translation>
        </message>
        <message>
            <source>Transfer the amount from the organisation's basic account and quote the reference above in the transfer note. When the CA has confirmed the payment, the application goes to review by itself; this page updates when that happens.</source>
            <translation>请从单位基本户转账，并在转账附言中填写上面的付款参考号。深圳CA确认到账后，申请将自动进入审核，本页面会自动更新。</translation>
        </message>
        <message>
            <source>Copied: %1</source>
            <translation>已复制：%1</translation>
        </message>
        <message>
            <source>Algorithm upgrade</source>
            <translation>算法升级</translation>
        </message>
        <message>
            <source>%1-year %2 algorithm upgrade</source>
            <translation>%1年期 %2算法升级</translation>
        </message>
        <message>
            <source>%1 year(s)</source>
            <translation>%1年</translation>
        </message>
        <message>
            <source>upload the documents</source>
            <translation>上传资料</translation>
        </message>
        <message>
            <source>complete the identity check</source>
            <translation>完成身份认证</translation>
        </message>
        <message>
            <source>Payment is not possible in the current state of the application.</source>
            <translation>申请当前状态下无法支付。</translation>
        </message>
        <message>
            <source>Before paying, please %1.</source>
            <translation>支付前请先%1。</translation>
        </message>
        <message>
            <source> and </source>
            <translation>并</translation>
        </message>
        <message>
            <source>Creating the payment…</source>
            <translation>正在创建支付订单…</translation>
        </message>
        <message>
            <source>Waiting for the transfer to arrive…</source>
            <translation>等待转账到账…</translation>
        </message>
        <message>
            <source>Waiting for the payment…</source>
            <translation>等待支付…</translation>
        </message>
        <message>
            <source>The payment has expired. Choose the method again to get a new one.</source>
            <translation>支付已过期，请重新选择支付方式获取新的支付二维码。</translation>
        </message>
        <message>
            <source>Expired</source>
            <translation>已过期</translation>
        </message>
        <message>
            <source>Payment successful.</source>
            <translation>缴费成功。</translation>
        </message>
        <message>
            <source>Next: wait for the CA's review. When it is approved, the new certificate UKey is mailed to the agent; please watch for the courier's tracking information.</source>
            <translation>下一步：等待深圳CA审核，审核通过后将邮寄新的证书UKey给经办人，请留意快递信息。</translation>
        </message>
        <message>
            <source>Next: wait for the CA's review. When it is approved, the new certificate UKey is mailed to the applicant; please watch for the courier's tracking information.</source>
            <translation>下一步：等待深圳CA审核，审核通过后将邮寄新的证书UKey给申请人，请留意快递信息。</translation>
        </message>
        <message>
            <source>Scan the QR code with WeChat to pay %1.</source>
            <translation>请使用微信扫码支付 %1。</translation>
        </message>
        <message>
            <source>Scan the QR code with Alipay to pay %1.</source>
            <translation>请使用支付宝扫码支付 %1。</translation>
        </message>
        <message>
            <source>The code is valid until %1.</source>
            <translation>二维码有效期至 %1。</translation>
        </message>
        <message>
            <source>You chose not to receive an invoice.</source>
            <translation>您选择了无需发票。</translation>
        </message>
        <message>
            <source>Electronic invoice: checking…</source>
            <translation>电子发票：正在查询…</translation>
        </message>
        <message>
            <source>Electronic invoice: the status could not be loaded (%1).</source>
            <translation>电子发票：无法查询状态（%1）。</translation>
        </message>
        <message>
            <source>Electronic invoice: being issued. The link will be sent to the phone %1 and the e-mail %2.</source>
            <translation>电子发票：正在开具，开具后链接将发送至手机 %1 和邮箱 %2。</translation>
        </message>
        <message>
            <source>Electronic invoice %1 has been issued; the link was sent to the phone %2 and the e-mail %3.</source>
            <translation>电子发票 %1 已开具，发票链接已发送至手机 %2 和邮箱 %3。</translation>
        </message>
        <message>
            <source>Open the invoice</source>
            <translation>查看电子发票</translation>
        </message>
        <message>
            <source>Creates the payment with the method chosen above</source>
            <translation>按上面选择的方式发起支付</translation>
        </message>
        <message>
            <source>Pay by scanning a QR code with WeChat</source>
            <translation>使用微信扫码支付</translation>
        </message>
        <message>
            <source>Pay by scanning a QR code with Alipay</source>
            <translation>使用支付宝扫码支付</translation>
        </message>
        <message>
            <source>Pay by bank transfer from the organisation's account</source>
            <translation>从单位账户对公转账支付</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::PaymentsPage</name>
        <message>
            <source>Refresh</source>
            <translation>刷新</translation>
        </message>
        <message>
            <source>Transfer received: confirm</source>
            <translation>已到账：确认</translation>
        </message>
        <message>
            <source>Corporate transfers waiting for confirmation</source>
            <translation>待确认的对公转账</translation>
        </message>
        <message>
            <source>Order No.</source>
            <translation>订单编号</translation>
        </message>
        <message>
            <source>Payer</source>
            <translation>付款方</translation>
        </message>
        <message>
            <source>Amount</source>
            <translation>金额</translation>
        </message>
        <message>
            <source>Transfer announced until</source>
            <translation>转账截止时间</translation>
        </message>
        <message>
            <source>Refresh the list</source>
            <translation>刷新列表</translation>
        </message>
        <message>
            <source>Confirm that the transfer arrived</source>
            <translation>确认转账已到账</translation>
        </message>
        <message>
            <source>Confirm a transfer only when the amount with its reference code is on the CA's account statement. The application then goes to review.</source>
            <translation>只有在 CA 账户流水中看到该金额及其附言编码后才能确认。确认后申请进入审核。</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>正在加载…</translation>
        </message>
        <message>
            <source>¥%1</source>
            <translation>¥%1</translation>
        </message>
        <message>
            <source>No corporate transfer is waiting for confirmation.</source>
            <translation>没有待确认的对公转账。</translation>
        </message>
        <message numerus="yes">
            <source>%n transfer(s) waiting for confirmation</source>
            <translation>
                <numerusform>%n 笔转账待确认</numerusform>
            </translation>
        </message>
        <message>
            <source>Confirming transfers needs the counter clerk role.</source>
            <translation>确认转账需要柜员权限。</translation>
        </message>
        <message>
            <source>Confirm transfer</source>
            <translation>确认转账</translation>
        </message>
        <message>
            <source>Has ¥%1 for order %2 from %3 arrived on the CA's account?</source>
            <translation>订单 %2（%3）的 ¥%1 是否已到 CA 账户？</translation>
        </message>
        <message>
            <source>The transfer for order %1 was confirmed; the application is now in review.</source>
            <translation>订单 %1 的转账已确认，申请已进入审核。</translation>
        </message>
        <message>
            <source>Paying account name</source>
            <translation>付款账户名称</translation>
        </message>
        <message>
            <source>Paying account</source>
            <translation>付款账号</translation>
        </message>
        <message>
            <source>Paying bank</source>
            <translation>付款开户行</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::PersonFields</name>
        <message>
            <source>%1 name</source>
            <translation>%1姓名</translation>
        </message>
        <message>
            <source>Full name as on the ID card</source>
            <translation>填写与身份证一致的姓名</translation>
        </message>
        <message>
            <source>ID card number</source>
            <translation>身份证号码</translation>
        </message>
        <message>
            <source>18-character resident ID card number</source>
            <translation>填写 18 位居民身份证号码</translation>
        </message>
        <message>
            <source>Mobile phone</source>
            <translation>移动电话</translation>
        </message>
        <message>
            <source>Mobile number registered under this ID (real name)</source>
            <translation>填写实名登记的手机号码</translation>
        </message>
        <message>
            <source>Contact e-mail</source>
            <translation>常用联系邮箱</translation>
        </message>
        <message>
            <source>E-mail address for notices and the e-invoice</source>
            <translation>填写邮箱，用于接收通知和电子发票</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::PinDialog</name>
        <message>
            <source>The PIN is locked. It must be unblocked with the administrator PIN before the UKey can be used.</source>
            <translation>PIN 码已锁定。必须先用管理员 PIN 码解锁，才能使用该 UKey。</translation>
        </message>
        <message>
            <source>Last try: one more wrong PIN locks the UKey.</source>
            <translation>最后一次机会：再输错一次 UKey 将被锁定。</translation>
        </message>
        <message>
            <source>A wrong PIN was entered before: few tries are left.</source>
            <translation>之前输错过 PIN 码：剩余尝试次数不多。</translation>
        </message>
        <message>
            <source>The UKey asks for its PIN to be changed after this use.</source>
            <translation>本次使用后，UKey 要求修改 PIN 码。</translation>
        </message>
        <message>
            <source>UKey PIN</source>
            <translation>UKey PIN 码</translation>
        </message>
        <message>
            <source>Change the UKey PIN</source>
            <translation>修改 UKey PIN 码</translation>
        </message>
        <message>
            <source>UKey: %1</source>
            <translation>UKey：%1</translation>
        </message>
        <message>
            <source>PIN</source>
            <translation>PIN 码</translation>
        </message>
        <message>
            <source>PIN:</source>
            <translation>PIN 码：</translation>
        </message>
        <message>
            <source>Current PIN</source>
            <translation>当前 PIN 码</translation>
        </message>
        <message>
            <source>Current PIN:</source>
            <translation>当前 PIN 码：</translation>
        </message>
        <message>
            <source>New PIN</source>
            <translation>新 PIN 码</translation>
        </message>
        <message>
            <source>Repeat the new PIN</source>
            <translation>再次输入新 PIN 码</translation>
        </message>
        <message>
            <source>New PIN:</source>
            <translation>新 PIN 码：</translation>
        </message>
        <message>
            <source>Repeat:</source>
            <translation>确认：</translation>
        </message>
        <message>
            <source>The PIN has %1 to %2 characters.</source>
            <translation>PIN 码为 %1 至 %2 位。</translation>
        </message>
        <message>
            <source>The PIN has at least %1 characters.</source>
            <translation>PIN 码至少 %1 位。</translation>
        </message>
        <message>
            <source>OK</source>
            <translation>确定</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Keep the current PIN</source>
            <translation>保留当前 PIN 码</translation>
        </message>
        <message>
            <source>The new PIN is too short.</source>
            <translation>新 PIN 码太短。</translation>
        </message>
        <message>
            <source>The two new PINs differ.</source>
            <translation>两次输入的新 PIN 码不一致。</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::QrWidget</name>
        <message>
            <source>QR code</source>
            <translation>二维码</translation>
        </message>
        <message>
            <source>Scan this code with WeChat on your phone.</source>
            <translation>请用手机微信扫描此二维码。</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::RejectReasonsEditor</name>
        <message>
            <source>Add reason</source>
            <translation>添加原因</translation>
        </message>
        <message>
            <source>Remove reason</source>
            <translation>删除原因</translation>
        </message>
        <message>
            <source>Field or document the reason points at</source>
            <translation>原因对应的字段或资料</translation>
        </message>
        <message>
            <source>What is wrong and how to fix it</source>
            <translation>问题所在及修改方法</translation>
        </message>
        <message>
            <source>Reasons of the rejection</source>
            <translation>驳回原因</translation>
        </message>
        <message>
            <source>Remove the chosen reason</source>
            <translation>删除所选原因</translation>
        </message>
        <message>
            <source>Points at:</source>
            <translation>对应：</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <translation>%1：%2</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::ReviewPage</name>
        <message>
            <source>Submit application</source>
            <translation>提交申请</translation>
        </message>
        <message>
            <source>Check and submit</source>
            <translation>核对并提交</translation>
        </message>
        <message>
            <source>Check everything once more. After submission you print the application form, upload the stamped documents, pass the identity check and pay.</source>
            <translation>请再次核对所填信息。提交后请打印申请表、上传盖章资料、完成身份认证并缴纳费用。</translation>
        </message>
        <message>
            <source>Certificate information</source>
            <translation>证书信息</translation>
        </message>
        <message>
            <source>Business type</source>
            <translation>业务类型</translation>
        </message>
        <message>
            <source>Renewal + certificate algorithm upgrade</source>
            <translation>续期+证书算法升级</translation>
        </message>
        <message>
            <source>Certificate kind</source>
            <translation>证书类型</translation>
        </message>
        <message>
            <source>Certificate serial number</source>
            <translation>证书序列号</translation>
        </message>
        <message>
            <source>Renewal years</source>
            <translation>续期年限</translation>
        </message>
        <message numerus="yes">
            <source>%n year(s)</source>
            <translation>
                <numerusform>%n年</numerusform>
            </translation>
        </message>
        <message>
            <source>Certificate fee</source>
            <translation>证书费用</translation>
        </message>
        <message>
            <source>¥%1</source>
            <translation>¥%1元</translation>
        </message>
        <message>
            <source>Express fee</source>
            <translation>快递费用</translation>
        </message>
        <message>
            <source>Total</source>
            <translation>总费用</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>ID card number</source>
            <translation>身份证号码</translation>
        </message>
        <message>
            <source>Mobile phone</source>
            <translation>移动电话</translation>
        </message>
        <message>
            <source>Contact e-mail</source>
            <translation>常用联系邮箱</translation>
        </message>
        <message>
            <source>Organisation information</source>
            <translation>单位信息</translation>
        </message>
        <message>
            <source>Organisation name</source>
            <translation>机构名称</translation>
        </message>
        <message>
            <source>Organisation credential number</source>
            <translation>机构证件号码</translation>
        </message>
        <message>
            <source>Organisation address</source>
            <translation>单位地址</translation>
        </message>
        <message>
            <source>Agent information</source>
            <translation>经办人信息</translation>
        </message>
        <message>
            <source>Financial authentication information</source>
            <translation>金融认证信息</translation>
        </message>
        <message>
            <source>Basic account name</source>
            <translation>基本户名称</translation>
        </message>
        <message>
            <source>Basic account bank</source>
            <translation>基本户开户行</translation>
        </message>
        <message>
            <source>Basic account number</source>
            <translation>基本户账号</translation>
        </message>
        <message>
            <source>Applicant information</source>
            <translation>申请人信息</translation>
        </message>
        <message>
            <source>Mailing information</source>
            <translation>邮寄信息</translation>
        </message>
        <message>
            <source>Province / city / county</source>
            <translation>省市县</translation>
        </message>
        <message>
            <source>Delivery address</source>
            <translation>收件地址</translation>
        </message>
        <message>
            <source>Invoice information</source>
            <translation>发票信息</translation>
        </message>
        <message>
            <source>Invoice</source>
            <translation>发票领取方式</translation>
        </message>
        <message>
            <source>Electronic invoice</source>
            <translation>电子发票</translation>
        </message>
        <message>
            <source>No invoice needed</source>
            <translation>无需发票</translation>
        </message>
        <message>
            <source>Save changes</source>
            <translation>保存修改</translation>
        </message>
        <message>
            <source>No certificate service is configured: start CertDesk with --server or --sandbox.</source>
            <translation>未配置证书服务：请使用 --server 或 --sandbox 启动证书服务台。</translation>
        </message>
        <message>
            <source>Submitting…</source>
            <translation>正在提交…</translation>
        </message>
        <message>
            <source>Submitted. Order number: %1</source>
            <translation>已提交。订单编号：%1</translation>
        </message>
        <message>
            <source>What to do when the telecom real-name check fails</source>
            <translation>实名电信认证无法通过怎么办？</translation>
        </message>
        <message>
            <source>Sends the application to the CA; you can still change it afterwards</source>
            <translation>将申请提交给CA；提交后仍可修改</translation>
        </message>
        <message>
            <source>Summary of the application</source>
            <translation>申请内容汇总</translation>
        </message>
        <message>
            <source>Everything entered, to check before submitting</source>
            <translation>已填写的全部内容，请在提交前核对</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::ReviewQueuePage</name>
        <message>
            <source>Credential number</source>
            <translation>证件号码</translation>
        </message>
        <message>
            <source>Holder</source>
            <translation>持有人</translation>
        </message>
        <message>
            <source>This application</source>
            <translation>本申请</translation>
        </message>
        <message>
            <source>Old certificate</source>
            <translation>原证书</translation>
        </message>
        <message>
            <source>Renewal keeps the old certificate&apos;s holder; another name or credential number is approved only after checking the document that proves the change</source>
            <translation>续期沿用原证书的持有人；名称或证件号码不同时，须核验证明变更的材料后方可审核通过</translation>
        </message>
        <message>
            <source>Accept the changed holder</source>
            <translation>接受变更后的持有人</translation>
        </message>
        <message>
            <source>Holder of the old certificate and of the application</source>
            <translation>原证书与本申请的持有人</translation>
        </message>
        <message>
            <source>The holder changed: I checked the uploaded proof of the change and accept the new holder</source>
            <translation>持有人已变更：我已核验上传的变更证明，接受新的持有人</translation>
        </message>
        <message>
            <source>Choose an application in the list to review it.</source>
            <translation>请在列表中选择要审核的申请。</translation>
        </message>
        <message>
            <source>Approve</source>
            <translation>审核通过</translation>
        </message>
        <message>
            <source>Return to the applicant</source>
            <translation>驳回</translation>
        </message>
        <message>
            <source>Approve the application</source>
            <translation>审核通过该申请</translation>
        </message>
        <message>
            <source>Return the application to the applicant with the reasons</source>
            <translation>附原因驳回该申请</translation>
        </message>
        <message>
            <source>Form</source>
            <translation>申请信息</translation>
        </message>
        <message>
            <source>Documents</source>
            <translation>资料</translation>
        </message>
        <message>
            <source>Decision</source>
            <translation>审核结论</translation>
        </message>
        <message>
            <source>Everything matches the documents and the identity check:</source>
            <translation>信息与资料及身份核验一致：</translation>
        </message>
        <message>
            <source>Or return it: add one reason per field or document to fix (the applicant sees each one there).</source>
            <translation>或驳回：为每个需修改的字段或资料添加一条原因（申请人会在对应位置看到）。</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>正在加载…</translation>
        </message>
        <message numerus="yes">
            <source>Return to the applicant with %n reason(s)</source>
            <translation>
                <numerusform>附 %n 条原因驳回</numerusform>
            </translation>
        </message>
        <message>
            <source>Approving and returning applications needs the reviewer role.</source>
            <translation>审核通过或驳回申请需要审核员权限。</translation>
        </message>
        <message>
            <source>Approve order %1 of %2? It then waits for its UKey to be programmed.</source>
            <translation>审核通过订单 %1（%2）？之后将等待制作 UKey。</translation>
        </message>
        <message>
            <source>Order %1 was approved; it is now in the issuance queue.</source>
            <translation>订单 %1 已审核通过，已进入制证队列。</translation>
        </message>
        <message numerus="yes">
            <source>Return order %1 to the applicant with %n reason(s)? The applicant fixes them and resubmits without paying again.</source>
            <translation>
                <numerusform>附 %n 条原因驳回订单 %1？申请人修改后重新提交，无需再次缴费。</numerusform>
            </translation>
        </message>
        <message>
            <source>Order %1 was returned to the applicant.</source>
            <translation>订单 %1 已驳回给申请人。</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::ShipmentPage</name>
        <message>
            <source>Record shipment</source>
            <translation>登记寄送</translation>
        </message>
        <message>
            <source>Handed over</source>
            <translation>已交付</translation>
        </message>
        <message>
            <source>Print mailing label…</source>
            <translation>打印邮寄标签…</translation>
        </message>
        <message>
            <source>Carrier</source>
            <translation>快递公司</translation>
        </message>
        <message>
            <source>SF Express</source>
            <translation>顺丰速运</translation>
        </message>
        <message>
            <source>EMS</source>
            <translation>EMS</translation>
        </message>
        <message>
            <source>JD Logistics</source>
            <translation>京东物流</translation>
        </message>
        <message>
            <source>ZTO Express</source>
            <translation>中通快递</translation>
        </message>
        <message>
            <source>YTO Express</source>
            <translation>圆通速递</translation>
        </message>
        <message>
            <source>Tracking number</source>
            <translation>快递单号</translation>
        </message>
        <message>
            <source>Record the shipment</source>
            <translation>登记寄送信息</translation>
        </message>
        <message>
            <source>Record that the UKey was handed over</source>
            <translation>登记 UKey 已交付</translation>
        </message>
        <message>
            <source>Print the mailing label</source>
            <translation>打印邮寄标签</translation>
        </message>
        <message>
            <source>Recipient</source>
            <translation>收件人</translation>
        </message>
        <message>
            <source>Send by courier</source>
            <translation>快递寄送</translation>
        </message>
        <message>
            <source>Carrier:</source>
            <translation>快递公司：</translation>
        </message>
        <message>
            <source>Tracking number:</source>
            <translation>快递单号：</translation>
        </message>
        <message>
            <source>Hand over</source>
            <translation>交付</translation>
        </message>
        <message>
            <source>The applicant collected the UKey at the counter, or the courier delivered it.</source>
            <translation>申请人已在柜台领取 UKey，或快递已送达。</translation>
        </message>
        <message>
            <source>Choose a programmed UKey's application in the list.</source>
            <translation>请在列表中选择已制作 UKey 的申请。</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>正在加载…</translation>
        </message>
        <message>
            <source>Order %1 · %2</source>
            <translation>订单 %1 · %2</translation>
        </message>
        <message>
            <source>Phone: %1</source>
            <translation>电话：%1</translation>
        </message>
        <message>
            <source>Address: %1</source>
            <translation>地址：%1</translation>
        </message>
        <message>
            <source>Sent by %1, tracking number %2</source>
            <translation>已由%1寄出，快递单号 %2</translation>
        </message>
        <message>
            <source>Delivered</source>
            <translation>已送达</translation>
        </message>
        <message>
            <source>Recording shipments and handovers needs the counter clerk role.</source>
            <translation>登记寄送和交付需要柜员权限。</translation>
        </message>
        <message>
            <source>Order %1 was sent by %2, tracking number %3; the applicant is told.</source>
            <translation>订单 %1 已由%2寄出，快递单号 %3；已通知申请人。</translation>
        </message>
        <message>
            <source>Record that the UKey of order %1 was delivered? The application is then completed.</source>
            <translation>登记订单 %1 的 UKey 已送达？申请随即办结。</translation>
        </message>
        <message>
            <source>Record that the applicant collected the UKey of order %1? The application is then completed.</source>
            <translation>登记申请人已领取订单 %1 的 UKey？申请随即办结。</translation>
        </message>
        <message>
            <source>Order %1 is completed.</source>
            <translation>订单 %1 已办结。</translation>
        </message>
        <message>
            <source>The mailing label of order %1 was printed.</source>
            <translation>订单 %1 的邮寄标签已打印。</translation>
        </message>
        <message>
            <source>Order %1 was sent by %2, tracking number %3; the applicant is told, and the UKey&apos;s initial PIN goes to the applicant by SMS.</source>
            <translation>订单 %1 已由 %2 寄出，运单号 %3；已通知申请人，UKey 的初始 PIN 码将以短信发给申请人。</translation>
        </message>
        <message>
            <source>The UKey&apos;s random initial PIN goes to the applicant by SMS with the shipment; it is not shown here.</source>
            <translation>UKey 的随机初始 PIN 码将在登记寄送时以短信发给申请人，此处不显示。</translation>
        </message>
        <message>
            <source>No initial PIN for mailing is held on this PC for this UKey: if it is mailed, the applicant needs its PIN another way.</source>
            <translation>本机没有保存此 UKey 的邮寄初始 PIN 码：如果邮寄，需以其他方式告知申请人 PIN 码。</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::StaffLoginPage</name>
        <message>
            <source>Sign in</source>
            <translation>登录</translation>
        </message>
        <message>
            <source>Staff user name</source>
            <translation>工作人员用户名</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>密码</translation>
        </message>
        <message>
            <source>Counter staff sign-in</source>
            <translation>柜台工作人员登录</translation>
        </message>
        <message>
            <source>User name:</source>
            <translation>用户名：</translation>
        </message>
        <message>
            <source>Password:</source>
            <translation>密码：</translation>
        </message>
        <message>
            <source>Reviewers approve or return applications; counter clerks confirm transfers, program UKeys and send them. Sign in with the account the CA gave you.</source>
            <translation>审核员负责审核通过或驳回申请；柜员负责确认转账、制作并寄送 UKey。请使用 CA 分配的账号登录。</translation>
        </message>
        <message>
            <source>Signing in…</source>
            <translation>正在登录…</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::StatusPage</name>
        <message>
            <source>Agent</source>
            <translation>经办人</translation>
        </message>
        <message>
            <source>Applicant</source>
            <translation>申请人</translation>
        </message>
        <message>
            <source>name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>ID number</source>
            <translation>身份证号码</translation>
        </message>
        <message>
            <source>mobile phone</source>
            <translation>移动电话</translation>
        </message>
        <message>
            <source>contact e-mail</source>
            <translation>常用联系邮箱</translation>
        </message>
        <message>
            <source>%1 %2</source>
            <translation>%1%2</translation>
        </message>
        <message>
            <source>Organisation name</source>
            <translation>机构名称</translation>
        </message>
        <message>
            <source>Organisation credential number</source>
            <translation>机构证件号码</translation>
        </message>
        <message>
            <source>Organisation address</source>
            <translation>单位地址</translation>
        </message>
        <message>
            <source>Basic account name</source>
            <translation>基本户名称</translation>
        </message>
        <message>
            <source>Basic account bank</source>
            <translation>基本户开户行</translation>
        </message>
        <message>
            <source>Basic account number</source>
            <translation>基本户账号</translation>
        </message>
        <message>
            <source>Delivery address</source>
            <translation>收件地址</translation>
        </message>
        <message>
            <source>Province / city / county</source>
            <translation>省市县</translation>
        </message>
        <message>
            <source>Invoice</source>
            <translation>发票领取方式</translation>
        </message>
        <message>
            <source>Renewal years</source>
            <translation>续期年限</translation>
        </message>
        <message>
            <source>Rejection reasons</source>
            <translation>驳回原因</translation>
        </message>
        <message>
            <source>Edit application…</source>
            <translation>修改申请信息…</translation>
        </message>
        <message>
            <source>Resubmit for review</source>
            <translation>重新提交审核</translation>
        </message>
        <message>
            <source>Shipment</source>
            <translation>快递信息</translation>
        </message>
        <message>
            <source>Copy</source>
            <translation>复制</translation>
        </message>
        <message>
            <source>Copy the tracking number</source>
            <translation>复制快递单号</translation>
        </message>
        <message>
            <source>Courier:</source>
            <translation>快递公司：</translation>
        </message>
        <message>
            <source>Tracking number:</source>
            <translation>快递单号：</translation>
        </message>
        <message>
            <source>Timeline</source>
            <translation>办理记录</translation>
        </message>
        <message>
            <source>Time</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>说明</translation>
        </message>
        <message>
            <source>print the application form</source>
            <translation>打印申请表</translation>
        </message>
        <message>
            <source>upload the stamped documents</source>
            <translation>上传盖章资料</translation>
        </message>
        <message>
            <source>complete the identity check</source>
            <translation>完成身份认证</translation>
        </message>
        <message>
            <source>pay online</source>
            <translation>在线支付</translation>
        </message>
        <message>
            <source>The application has been received. Still to do: %1.</source>
            <translation>申请已提交，还需：%1。</translation>
        </message>
        <message>
            <source>, </source>
            <translation>、</translation>
        </message>
        <message>
            <source>Payment received. The CA is reviewing the application; when it is approved, the new certificate UKey is mailed to the agent. Please watch for the courier's tracking information.</source>
            <translation>缴费成功，等待深圳CA审核，审核通过后将邮寄新的证书UKey给经办人，请留意快递信息。</translation>
        </message>
        <message>
            <source>Payment received. The CA is reviewing the application; when it is approved, the new certificate UKey is mailed to the applicant. Please watch for the courier's tracking information.</source>
            <translation>缴费成功，等待深圳CA审核，审核通过后将邮寄新的证书UKey给申请人，请留意快递信息。</translation>
        </message>
        <message>
            <source>The review rejected the application. Fix each point below, then resubmit it. There is nothing to pay again.</source>
            <translation>审核驳回，请根据下列驳回原因逐项修改后重新提交审核，无需再次缴费。</translation>
        </message>
        <message>
            <source>The review approved the application. The new SM2 certificates are being issued.</source>
            <translation>审核通过，正在签发新的SM2证书。</translation>
        </message>
        <message>
            <source>The new certificates have been written onto the new UKey; it will be mailed soon.</source>
            <translation>新证书已写入新的UKey，即将邮寄。</translation>
        </message>
        <message>
            <source>The new certificate UKey has been mailed. Use the tracking number below to follow it.</source>
            <translation>新的证书UKey已寄出，请根据下方快递单号查询物流信息。</translation>
        </message>
        <message>
            <source>Completed. The old certificate has been revoked; use the new UKey from now on.</source>
            <translation>办理完成。原证书已注销，请使用新的UKey。</translation>
        </message>
        <message>
            <source>The application was cancelled.</source>
            <translation>申请已取消。</translation>
        </message>
        <message>
            <source>After changing the form (Edit application) and uploading new documents where asked, press Resubmit for review.</source>
            <translation>修改申请信息并按要求重新上传资料后，请点击“重新提交审核”。</translation>
        </message>
        <message>
            <source>Change this field</source>
            <translation>去修改</translation>
        </message>
        <message>
            <source>Upload again</source>
            <translation>重新上传</translation>
        </message>
        <message>
            <source>Fix: %1</source>
            <translation>修改：%1</translation>
        </message>
        <message>
            <source>Resubmitting…</source>
            <translation>正在重新提交…</translation>
        </message>
        <message>
            <source>Not every point of the rejection has been changed yet. Fix each point listed above, then resubmit.</source>
            <translation>驳回原因中还有未修改的项目，请逐项修改后再重新提交。</translation>
        </message>
        <message>
            <source>Resubmitted. The CA reviews the application again; there is nothing to pay again.</source>
            <translation>已重新提交，深圳CA将重新审核，无需再次缴费。</translation>
        </message>
        <message>
            <source>Opens the form to change the application</source>
            <translation>打开申请表修改申请内容</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::TokenPicker</name>
        <message>
            <source>Looking for UKeys…</source>
            <translation>正在查找 UKey…</translation>
        </message>
        <message>
            <source>Search again</source>
            <translation>重新查找</translation>
        </message>
        <message>
            <source>Add PKCS#11 module…</source>
            <translation>添加 PKCS#11 模块…</translation>
        </message>
        <message>
            <source>UKeys found</source>
            <translation>已找到的 UKey</translation>
        </message>
        <message>
            <source>Search for UKeys again</source>
            <translation>重新查找 UKey</translation>
        </message>
        <message>
            <source>Add a PKCS#11 module file</source>
            <translation>添加 PKCS#11 模块文件</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <translation>%1：%2</translation>
        </message>
        <message>
            <source>PKCS#11 module of the UKey</source>
            <translation>UKey 的 PKCS#11 模块</translation>
        </message>
        <message>
            <source>PKCS#11 modules (*.so *.dll *.dylib)</source>
            <translation>PKCS#11 模块 (*.so *.dll *.dylib)</translation>
        </message>
        <message>
            <source>All files (*)</source>
            <translation>所有文件 (*)</translation>
        </message>
        <message>
            <source>Add PKCS#11 module</source>
            <translation>添加 PKCS#11 模块</translation>
        </message>
        <message>
            <source>Empty slot or uninitialized UKey (%1)</source>
            <translation>空插槽或未初始化的 UKey（%1）</translation>
        </message>
        <message>
            <source>Empty slot or uninitialized UKey</source>
            <translation>空插槽或未初始化的 UKey</translation>
        </message>
        <message>
            <source>PIN locked</source>
            <translation>PIN 码已锁定</translation>
        </message>
        <message>
            <source>write-protected</source>
            <translation>写保护</translation>
        </message>
        <message>
            <source>No PKCS#11 module is installed or configured: add the UKey vendor's module.</source>
            <translation>未安装或配置 PKCS#11 模块：请添加 UKey 厂商的模块。</translation>
        </message>
        <message>
            <source>No usable UKey found: insert the new UKey.</source>
            <translation>未找到可用的 UKey：请插入新的 UKey。</translation>
        </message>
        <message>
            <source>%1 — %2, serial %3</source>
            <translation>%1 — %2，序列号 %3</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::YearsPage</name>
        <message>
            <source>Renewal period and fees</source>
            <translation>续期年限和费用</translation>
        </message>
        <message>
            <source>Choose how many years to renew. The fees are those of the certificate service.</source>
            <translation>请选择证书续期年限，费用以证书服务为准。</translation>
        </message>
        <message>
            <source>Renewal years</source>
            <translation>续期年限</translation>
        </message>
        <message>
            <source>Business type</source>
            <translation>业务类型</translation>
        </message>
        <message>
            <source>Renewal + certificate algorithm upgrade</source>
            <translation>续期+证书算法升级</translation>
        </message>
        <message numerus="yes">
            <source>%n year(s)</source>
            <translation>
                <numerusform>%n年</numerusform>
            </translation>
        </message>
        <message>
            <source>Certificate fee</source>
            <translation>证书费用</translation>
        </message>
        <message>
            <source>Express fee</source>
            <translation>快递费用</translation>
        </message>
        <message>
            <source>Total</source>
            <translation>总费用</translation>
        </message>
        <message>
            <source>How many years the new certificate is valid; the fee follows</source>
            <translation>新证书的有效年限，费用随之计算</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::ApplicantCentrePage</name>
        <message>
            <source>My applications (personal centre)</source>
            <translation>个人中心</translation>
        </message>
        <message>
            <source>Back to the home page</source>
            <translation>返回首页</translation>
        </message>
        <message>
            <source>Sign in with the mobile number of the agent (or of the natural-person applicant) given on the application. We send a 6-digit code by SMS; it is valid for 5 minutes. Then you can continue any of your applications on this computer: print the application form, upload documents, identity check, payment, progress, and fixing what the CA sent back.</source>
            <translation>请用申请时填写的经办人（自然人为申请人）手机号码登录。我们将以短信发送6位验证码，5分钟内有效。登录后可在本机继续办理您的任一申请：打印申请表、上传资料、身份认证、在线支付、查看进度，以及按退回意见修改。</translation>
        </message>
        <message>
            <source>Mobile number</source>
            <translation>手机号码</translation>
        </message>
        <message>
            <source>Send code</source>
            <translation>获取验证码</translation>
        </message>
        <message>
            <source>SMS code</source>
            <translation>短信验证码</translation>
        </message>
        <message>
            <source>Sign in</source>
            <translation>登录</translation>
        </message>
        <message>
            <source>Your applications</source>
            <translation>您的申请</translation>
        </message>
        <message>
            <source>Order number</source>
            <translation>订单号</translation>
        </message>
        <message>
            <source>Holder</source>
            <translation>证书持有者</translation>
        </message>
        <message>
            <source>Certificate kind</source>
            <translation>证书类型</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Last change</source>
            <translation>最后更新</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>打开</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>刷新</translation>
        </message>
        <message>
            <source>Sign out</source>
            <translation>退出登录</translation>
        </message>
        <message numerus="yes">
            <source>Resend in %n s</source>
            <translation>
                <numerusform>%n秒后重新获取</numerusform>
            </translation>
        </message>
        <message>
            <source>Send again</source>
            <translation>重新获取</translation>
        </message>
        <message>
            <source>Sending the code…</source>
            <translation>正在发送验证码…</translation>
        </message>
        <message>
            <source>The code was sent by SMS to %1. It is valid for 5 minutes.</source>
            <translation>验证码已通过短信发送至%1，5分钟内有效。</translation>
        </message>
        <message numerus="yes">
            <source>A code was sent a moment ago; you can ask for another in %n second(s).</source>
            <translation>
                <numerusform>刚刚已发送验证码，%n秒后可重新获取。</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Too many codes were asked for. Try again in %n minute(s), or call the hotline %1.</source>
            <translation>
                <numerusform>获取验证码次数过多。请%n分钟后再试，或拨打服务热线 %1。</numerusform>
            </translation>
        </message>
        <message>
            <source>Signing in…</source>
            <translation>正在登录…</translation>
        </message>
        <message>
            <source>The code is wrong or no longer valid. Check the latest SMS, or ask for a new code.</source>
            <translation>验证码错误或已失效。请查看最新的短信，或重新获取验证码。</translation>
        </message>
        <message>
            <source>Signed in as %1. These are the applications with this mobile number.</source>
            <translation>已用%1登录。以下是使用该手机号码的申请。</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>正在加载…</translation>
        </message>
        <message>
            <source>The sign-in has expired. Please sign in again.</source>
            <translation>登录已过期，请重新登录。</translation>
        </message>
        <message>
            <source>There is no application with this mobile number. If you applied with another number, sign out and sign in with that one; for help call the hotline %1.</source>
            <translation>没有使用该手机号码的申请。如果申请时填写的是其他号码，请退出后用该号码登录；如需帮助，请拨打服务热线 %1。</translation>
        </message>
        <message>
            <source>Select an application and press Open.</source>
            <translation>请选择一项申请，然后点击“打开”。</translation>
        </message>
        <message>
            <source>I have received the UKey</source>
            <translation>我已收到 UKey</translation>
        </message>
        <message>
            <source>For a mailed UKey: check it, set your own PIN and confirm receipt.</source>
            <translation>适用于邮寄的 UKey：检查 UKey、设置您自己的 PIN 码并确认收货。</translation>
        </message>
        <message>
            <source>The UKey of order %1 was mailed. When it arrives, insert it into this computer and press &quot;I have received the UKey&quot;: CertDesk checks it, and you replace the initial PIN from the SMS by your own.</source>
            <translation>订单 %1 的 UKey 已寄出。收到后，请将其插入本电脑并点击“我已收到 UKey”：证书服务台会检查 UKey，然后请您把短信中的初始 PIN 码改为您自己的 PIN 码。</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::WalkInPage</name>
        <message>
            <source>Find</source>
            <translation>查找</translation>
        </message>
        <message>
            <source>Send the applicant the SMS code and continue</source>
            <translation>向申请人发送短信验证码并继续</translation>
        </message>
        <message>
            <source>Find the applicant&apos;s application by order number or by the agent&apos;s (applicant&apos;s) mobile number. To open it, the applicant receives an SMS code and tells it to you: that is their consent.</source>
            <translation>按订单号或经办人（申请人）手机号码查找申请。打开申请需要申请人收到短信验证码并告诉您，以此表示其同意。</translation>
        </message>
        <message>
            <source>Order number or mobile number</source>
            <translation>订单号或手机号码</translation>
        </message>
        <message>
            <source>Order number</source>
            <translation>订单号</translation>
        </message>
        <message>
            <source>Holder</source>
            <translation>证书持有者</translation>
        </message>
        <message>
            <source>Certificate kind</source>
            <translation>证书类型</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Mobile</source>
            <translation>手机号码</translation>
        </message>
        <message>
            <source>Searching…</source>
            <translation>正在查找…</translation>
        </message>
        <message>
            <source>No application has this order number or mobile number.</source>
            <translation>没有该订单号或手机号码的申请。</translation>
        </message>
        <message>
            <source>Ask the applicant whether they agree, then send the code to their mobile.</source>
            <translation>请先征得申请人同意，再向其手机发送验证码。</translation>
        </message>
    </context>
    <context>
        <name>certdesk::PinRules</name>
        <message>
            <source>Type the new PIN.</source>
            <translation>请输入新 PIN 码。</translation>
        </message>
        <message>
            <source>The PIN must have %1 to %2 characters.</source>
            <translation>PIN 码须为 %1 至 %2 位。</translation>
        </message>
        <message>
            <source>Use only digits, Latin letters and the symbols on the keyboard (no spaces).</source>
            <translation>只能使用数字、英文字母和键盘上的符号（不含空格）。</translation>
        </message>
        <message>
            <source>The PIN must not be one character repeated (such as 111111): anyone would try it first.</source>
            <translation>PIN 码不能由同一个字符重复组成（如 111111）：这是别人最先会试的。</translation>
        </message>
        <message>
            <source>The PIN must not be a run of digits such as 123456 or 654321: anyone would try it first.</source>
            <translation>PIN 码不能是连续数字（如 123456 或 654321）：这是别人最先会试的。</translation>
        </message>
    </context>
    <context>
        <name>certdesk::issuance::ReceiptJob</name>
        <message>
            <source>The UKey of order %1 was already received.</source>
            <translation>订单 %1 的 UKey 已确认收货。</translation>
        </message>
        <message>
            <source>The UKey of order %1 has not been sent yet.</source>
            <translation>订单 %1 的 UKey 尚未寄出。</translation>
        </message>
        <message>
            <source>The certificates on this UKey do not check out against the CA (signature, SM2 ID or key). Do not use it; call the CA&apos;s hotline %1.</source>
            <translation>此 UKey 中的证书未通过 CA 校验（签名、SM2 用户标识或密钥不符）。请勿使用，并拨打 CA 服务热线 %1。</translation>
        </message>
        <message>
            <source>No UKey with certificates was found. Insert the UKey from the parcel and try again.</source>
            <translation>未找到装有证书的 UKey。请插入包裹中的 UKey 后重试。</translation>
        </message>
        <message>
            <source>The inserted UKey does not hold the certificates made for order %1. Insert the UKey from the parcel of this order (remove other UKeys) and try again.</source>
            <translation>插入的 UKey 中没有为订单 %1 签发的证书。请插入本订单包裹中的 UKey（拔出其他 UKey）后重试。</translation>
        </message>
        <message>
            <source>Choose a PIN of your own, not the initial PIN from the SMS.</source>
            <translation>请设置您自己的 PIN 码，不要沿用短信中的初始 PIN 码。</translation>
        </message>
        <message>
            <source>The initial PIN is not right: type the PIN from the SMS about order %1. %2</source>
            <translation>初始 PIN 码不正确：请输入订单 %1 短信中的 PIN 码。%2</translation>
        </message>
        <message>
            <source>Your new PIN is set on the UKey, but the receipt was not proven: %1 Try again with your new PIN.</source>
            <translation>新 PIN 码已设置到 UKey，但收货确认未完成：%1 请用新 PIN 码重试。</translation>
        </message>
        <message>
            <source>This UKey cannot sign here, so the receipt needs your sign-in to the applicant centre with an SMS code. Sign in there and try again.</source>
            <translation>此 UKey 在本机无法签名，确认收货需要您用短信验证码登录个人中心。请登录后重试。</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::ReceiptPanel</name>
        <message>
            <source>Check the UKey: the certificates of this order, issued by the CA</source>
            <translation>检查 UKey：本订单的证书，由 CA 签发</translation>
        </message>
        <message>
            <source>The initial PIN from the SMS, and a new PIN of your own</source>
            <translation>输入短信中的初始 PIN 码，并设置您自己的新 PIN 码</translation>
        </message>
        <message>
            <source>Confirm receipt to the CA</source>
            <translation>向 CA 确认收货</translation>
        </message>
        <message>
            <source>Check the UKey again</source>
            <translation>重新检查 UKey</translation>
        </message>
        <message>
            <source>Change the PIN and confirm receipt</source>
            <translation>修改 PIN 码并确认收货</translation>
        </message>
        <message>
            <source>Back to my applications</source>
            <translation>返回我的申请</translation>
        </message>
        <message>
            <source>Insert the UKey from the parcel into this computer (and remove any other UKey). CertDesk checks that it holds the new signing and encryption certificates of this order, then you replace the initial PIN from the SMS by a PIN of your own.</source>
            <translation>请将包裹中的 UKey 插入本电脑（并拔出其他 UKey）。证书服务台会检查其中是否装有本订单的新签名证书和加密证书，然后请您把短信中的初始 PIN 码改为您自己的 PIN 码。</translation>
        </message>
        <message>
            <source>Check the inserted UKey again</source>
            <translation>重新检查已插入的 UKey</translation>
        </message>
        <message>
            <source>Initial PIN from the SMS</source>
            <translation>短信中的初始 PIN 码</translation>
        </message>
        <message>
            <source>New PIN again</source>
            <translation>再次输入新 PIN 码</translation>
        </message>
        <message>
            <source>Initial PIN (from the SMS)</source>
            <translation>初始 PIN 码（见短信）</translation>
        </message>
        <message>
            <source>I have received the UKey · order %1</source>
            <translation>我已收到 UKey · 订单 %1</translation>
        </message>
        <message>
            <source>UKey %1 (serial number %2) holds the signing certificate %3 and the encryption certificate %4 of this order, issued by the CA. Valid until %5.</source>
            <translation>UKey %1（序列号 %2）中装有本订单的签名证书 %3 和加密证书 %4，均由 CA 签发，有效期至 %5。</translation>
        </message>
        <message>
            <source>Now type the initial PIN from the SMS and choose your own PIN. The UKey then signs the receipt with the new signing key.</source>
            <translation>请输入短信中的初始 PIN 码，并设置您自己的 PIN 码。随后 UKey 会用新的签名密钥签署收货确认。</translation>
        </message>
        <message>
            <source>Now type the initial PIN from the SMS and choose your own PIN. The receipt is confirmed with your sign-in and the UKey&apos;s serial number.</source>
            <translation>请输入短信中的初始 PIN 码，并设置您自己的 PIN 码。收货将凭您的登录和 UKey 序列号确认。</translation>
        </message>
        <message>
            <source>your new PIN</source>
            <translation>您的新 PIN 码</translation>
        </message>
        <message>
            <source>Looking for the UKey and checking its certificates…</source>
            <translation>正在查找 UKey 并检查其中的证书…</translation>
        </message>
        <message>
            <source>Changing the PIN on the UKey…</source>
            <translation>正在修改 UKey 的 PIN 码…</translation>
        </message>
        <message>
            <source>Confirming receipt to the CA…</source>
            <translation>正在向 CA 确认收货…</translation>
        </message>
        <message>
            <source>Receipt confirmed: order %1 is completed, and the UKey has your own PIN now.</source>
            <translation>已确认收货：订单 %1 已完成，UKey 现在使用您自己的 PIN 码。</translation>
        </message>
        <message>
            <source>From now on, bid documents must be encrypted to the NEW encryption certificate on this UKey, and you sign with its new signing certificate. The old certificate is revoked and no longer works: it cannot sign, and bid files encrypted to it can no longer be decrypted. Update the certificate on every bidding platform you use (certificate binding or certificate update there).</source>
            <translation>从现在起，投标文件必须用这个 UKey 中的新加密证书加密，签名也要用新的签名证书。旧证书已吊销，不能再使用：既不能签名，用旧证书加密的投标文件也无法再解密。请在您使用的每个招投标平台上更新证书（即平台上的“证书绑定”或“更新证书”）。</translation>
        </message>
        <message>
            <source>The two new PINs differ. Type the same PIN twice.</source>
            <translation>两次输入的新 PIN 码不一致，请输入相同的 PIN 码。</translation>
        </message>
        <message>
            <source>This PIN can be used.</source>
            <translation>此 PIN 码可以使用。</translation>
        </message>
        <message>
            <source>6 to 16 characters; not one character repeated (111111) and not a run of digits (123456, 654321).</source>
            <translation>6 至 16 位；不能由同一字符重复组成（如 111111），也不能是连续数字（如 123456、654321）。</translation>
        </message>
        <message>
            <source>New PIN</source>
            <translation>新 PIN 码</translation>
        </message>
    </context>
    <context>
        <name>certdesk::CaContact</name>
        <message>
            <source>Questions? Call the hotline %1, or use the online service: on %2 click "Online service" at the top right, or in the WeChat official account %3 choose "Contact us" → "Online service".</source>
            <translation>有疑问请拨打服务热线 %1，或使用在线客服：登录深圳CA官网 %2，点击右上角的【在线客服】；或关注深圳CA公众号 %3 →【联系我们】→【在线客服】发起咨询。</translation>
        </message>
    </context>
</TS>
