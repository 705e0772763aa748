<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>certdesk::ApiError</name>
        <message>
            <source>The certificate service could not be reached. Check the network connection and try again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The certificate service did not answer in time. Wait a moment and try again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The identity of the certificate service could not be verified, so the connection was closed. Do not continue on this network; contact the CA's customer service.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The certificate service refused the request. Check the information and try again, or contact the CA's customer service.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The certificate service sent an answer that CertDesk does not understand. Update CertDesk or contact the CA's customer service.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The request was cancelled.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your sign-in has expired or is not valid. Sign in again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your account is not allowed to do this. Ask a colleague with the right role.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The certificate service does not know this record. Check the number you entered.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This certificate cannot be renewed now. See the reason shown, or contact the CA's customer service.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The application has changed in the meantime and this step is not possible now. Reload the application and try again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The file is larger than the service accepts. Scan it at a lower resolution or compress it, then upload it again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The file type is not accepted. Upload a JPG, BMP, GIF, PNG or PDF file.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Some information is not valid. Correct the marked fields and try again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The service could not accept this content. Check it and try again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Too many requests in a short time. Wait a minute and try again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The certificate service has a temporary problem. Try again later; if it persists, contact the CA's customer service.</source>
            <translation type="unfinished" />
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
        <name>certdesk::Checklist</name>
        <message>
            <source>Draft</source>
            <translation>草稿</translation>
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
            <translation>单位申请书</translation>
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
        <name>certdesk::Pki</name>
        <message>
            <source>The operation succeeded.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The certificate or key data is damaged or in an unexpected format.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The signature is not valid. The data may have been changed or signed with another key.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The data could not be decrypted with this key. It may be meant for another key.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The private key does not match the public key or certificate.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This key type or algorithm is not supported.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>An internal cryptography error occurred. Please try again or contact the service desk.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>certdesk::Server</name>
        <message>
            <source>Sign-in required: send a valid access token and try again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your account does not have the role needed for this action.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not found. Check the address or number and try again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The upload is larger than %1 bytes; make the file smaller and try again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Some fields are not valid; correct them and submit again.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Too many requests; wait %n second(s) and try again.</source>
            <translation type="unfinished">
                <numerusform />
            </translation>
        </message>
        <message>
            <source>The request body is not valid JSON (at byte %1).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The request body must be a JSON object.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>certdesk::Validators</name>
        <message>
            <source>This field is required.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The text cannot contain line breaks or control characters.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>15-digit ID numbers are no longer accepted: enter the 18-digit ID number.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>An ID number has 18 characters: check that none is missing or extra.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only the last character of the ID number can be X; the others are digits.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The ID number may contain only digits and a final X.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Use an upper-case X as the last character of the ID number.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The first two digits are not a valid province code: check the beginning of the ID number.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The date of birth (digits 7–14) is not a valid date: check the ID number.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The date of birth (digits 7–14) is before 1900: check the ID number.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The date of birth (digits 7–14) is in the future: check the ID number.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The check character is wrong: check the last character of the ID number.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Use upper-case letters in the unified social credit code.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The unified social credit code cannot contain spaces.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The unified social credit code cannot contain "%1": it uses digits and the upper-case letters except I, O, Z, S and V.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The unified social credit code has 18 characters: check that none is missing or extra.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The first two characters (registration authority and organisation type) are not valid: check the beginning of the code.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Characters 3–8 must be a 6-digit administrative division code starting with a valid province code.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The organisation code check character (17th character) is wrong: check characters 9–17.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The check character is wrong: check the last character of the unified social credit code.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enter the 11-digit mobile number without +86.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enter the mobile number without spaces or dashes.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The mobile number may contain only digits.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A mobile number has 11 digits.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This is not a mainland China mobile number: it starts with 13 to 19.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The e-mail address is too long (at most 254 characters).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The e-mail address cannot contain spaces.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The e-mail address needs exactly one @.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enter the part before the @ (for example name@example.com).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enter the domain after the @ (for example name@example.com).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The part before the @ is too long (at most 64 characters).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The part before the @ contains a character that is not allowed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The part before the @ cannot start or end with a dot or have two dots in a row.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The domain after the @ needs a dot (for example example.com).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The domain after the @ may contain only letters, digits and hyphens, separated by single dots.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enter the account number in digits only (spaces are ignored).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>An account number has 8 to 30 digits.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enter a name of 2 to 30 characters.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A name cannot contain digits.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Write the name either in Chinese characters or in Latin letters, not mixed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The name cannot contain "%1".</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The middle dot · cannot be at the start or end of the name, or twice in a row.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Use the middle dot · to separate the parts of the name.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Write a Chinese name without spaces.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Spaces, dots and hyphens in a name must be single and between letters.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enter a name of 2 to 100 characters.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The name must contain letters or Chinese characters, not only digits or punctuation.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enter an address of 5 to 200 characters.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The serial number may contain only hexadecimal digits (0–9, A–F); colons and spaces are ignored.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The serial number is too long: it has at most 40 hexadecimal digits.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose a renewal period of 1 to %1 years.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Read and accept the service agreement.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Confirm that you understand the old certificate will be revoked.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose the bank from the list that appears while you type.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose the province again from the list.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The city does not belong to the chosen province: choose the city again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The county does not belong to the chosen city: choose the county again.</source>
            <translation type="unfinished" />
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
            <source>&lt;h3&gt;Electronic certification service agreement&lt;/h3&gt;&lt;p&gt;The applicant confirms that everything filled in and every document submitted is true, and accepts the provisions of the CA's electronic certification service agreement. The applicant bears all consequences and legal liability of any violation.&lt;/p&gt;&lt;p&gt;The CA verifies the applicant's identity (telecom real-name check of the mobile number, online liveness check of the agent or applicant, review of the stamped documents) before issuing the new certificates.&lt;/p&gt;&lt;p&gt;The new SM2 signing and encryption certificates are written to a new UKey, which is mailed to the agent (or applicant) after the CA's review.&lt;/p&gt;</source>
            <translation>&lt;h3&gt;电子认证服务协议&lt;/h3&gt;&lt;p&gt;申请人承诺所填写的内容和提交的证明材料真实，并已认真阅读且同意接受 CA《电子认证服务协议》的各项内容之规定，如有违反，愿意承担由此引起的一切后果及承担相关法律责任。&lt;/p&gt;&lt;p&gt;签发新证书前，CA 将核验申请人身份（手机号码电信实名认证、经办人或申请人在线活体认证、加盖公章资料审核）。&lt;/p&gt;&lt;p&gt;新的 SM2 签名证书和加密证书写入新的 UKey，审核通过后邮寄给经办人（或申请人）。&lt;/p&gt;</translation>
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
            <translation>录入信息 → 打印申请书 → 上传资料 → 微信身份认证 → 在线支付 → CA 审核 → 邮寄新 UKey</translation>
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
    </context>
    <context>
        <name>certdesk::ui::KindPage</name>
        <message>
            <source>Choose the certificate to renew and upgrade</source>
            <translation>选择续期和算法升级的证书类型</translation>
        </message>
        <message>
            <source>Bidding certificates: renewal together with the upgrade from RSA to the SM2 algorithm.</source>
            <translation>招投标类证书：续期并由 RSA 升级为 SM2 算法。</translation>
        </message>
        <message>
            <source>Filled in by the organisation's agent: organisation, agent, bank account, mailing address.</source>
            <translation>由单位经办人填写：单位、经办人、金融认证信息、邮寄信息。</translation>
        </message>
        <message>
            <source>Filled in by the holder: applicant, mailing address.</source>
            <translation>由持证人本人填写：申请人、邮寄信息。</translation>
        </message>
    </context>
    <context>
        <name>certdesk::ui::LookupPage</name>
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
            <source>Enter the serial number of the certificate on your current UKey.</source>
            <translation>请输入当前 UKey 中证书的序列号。</translation>
        </message>
        <message>
            <source>The serial number is shown in the certificate details (hexadecimal, e.g. 5F:3A:0C:…); colons and spaces may be kept.</source>
            <translation>序列号可在证书详细信息中查看（十六进制，如 5F:3A:0C:…），可保留冒号和空格。</translation>
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
            <source>The new UKey and the invoice are mailed to this address.</source>
            <translation>新的证书 UKey 和发票将邮寄到此地址。</translation>
        </message>
        <message>
            <source>Detailed address for receiving the mailed certificate and invoice.</source>
            <translation>接受邮寄证书及发票的详细地址</translation>
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
            <translation>草稿已于 %1 保存</translation>
        </message>
        <message>
            <source>The draft could not be saved: check the disk space.</source>
            <translation>草稿保存失败：请检查磁盘空间。</translation>
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
</TS>
