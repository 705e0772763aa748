<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>certdesk::ApiError</name>
    <message>
        <source>The certificate service could not be reached. Check the network connection and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate service did not answer in time. Wait a moment and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The identity of the certificate service could not be verified, so the connection was closed. Do not continue on this network; contact the CA&apos;s customer service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate service refused the request. Check the information and try again, or contact the CA&apos;s customer service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate service sent an answer that CertDesk does not understand. Update CertDesk or contact the CA&apos;s customer service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your sign-in has expired or is not valid. Sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your account is not allowed to do this. Ask a colleague with the right role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate service does not know this record. Check the number you entered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This certificate cannot be renewed now. See the reason shown, or contact the CA&apos;s customer service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The application has changed in the meantime and this step is not possible now. Reload the application and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is larger than the service accepts. Scan it at a lower resolution or compress it, then upload it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file type is not accepted. Upload a JPG, BMP, GIF, PNG or PDF file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some information is not valid. Correct the marked fields and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service could not accept this content. Check it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many requests in a short time. Wait a minute and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate service has a temporary problem. Try again later; if it persists, contact the CA&apos;s customer service.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::Category</name>
    <message>
        <source>Institution certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Institution business certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Institution personal certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Natural person certificate</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::Centre</name>
    <message>
        <source>Enter information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print application form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identity check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::Checklist</name>
    <message>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Awaiting CA review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected: changes needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved: certificate being issued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Issued: new UKey written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shipped: UKey on its way</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation application form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Application form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Business licence scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Electronic seal collection form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID card scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the application form and sign it by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Both sides of the agent&apos;s ID card, stamped with the official seal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Both sides of the applicant&apos;s ID card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the application form, stamp it with the organisation&apos;s official seal and have the agent sign it by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan or photograph the original business licence (or its copy stamped with the official seal). It must be complete and clearly legible and must not be edited in any way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download the electronic seal collection form template, stamp it and upload the scan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download the electronic seal collection form template, sign it and upload the scan.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::Cli</name>
    <message>
        <source>Usage: certdesk-cli [--lang zh_CN|en] &lt;command&gt; [options]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List the UKeys in the slots of PKCS#11 modules.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show one UKey: PIN state, vendor profile, certificates and keys.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Program a blank UKey for an approved application.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the application&apos;s authorization letter as PDF.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;certdesk-cli &lt;command&gt; --help&quot; describes a command&apos;s options.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secrets are never taken from the command line: the PIN and the staff password are asked for without echo, or read from CERTDESK_PIN, CERTDESK_STAFF_USER and CERTDESK_STAFF_PASSWORD.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exit codes: 0 success, 1 other failure, 2 usage error, 3 service error, 4 UKey or driver error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language of the messages: zh_CN (default) or en.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: %1 [options]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected argument: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>See &quot;%1 --help&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The option --%1 is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown option: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown command: %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saves the authorization letter of an application as PDF, filled from the application on the service. The access token may also come from CERTDESK_ACCESS_TOKEN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counter service base URL, e.g. https://counter.example.cn.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Application ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The application&apos;s access token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF file to write.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server URL is not an http or https URL: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The application could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Letter saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one try left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>few tries left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ok</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN pad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PKCS#11 module (UKey driver) file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label of the UKey.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serial number of the UKey, when several UKeys carry the same label.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling: removing what was written ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lists the UKeys in the slots of PKCS#11 modules. Without --module, the modules installed on this computer are used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No UKey driver (PKCS#11 module) is installed. Install the UKey vendor&apos;s driver or name one with --module.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Module %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no UKey inserted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(blank UKey, not initialized)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>serial %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>profile: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows one UKey: its PIN state, the vendor profile CertDesk uses for it, and the certificates and public keys on it (no PIN is needed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UKey: &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serial number: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manufacturer: %1, model: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Module: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to %2 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vendor profile: %1 (SM2 keys generated on the UKey: %2; SM2 signing on the UKey: %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificates: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>valid %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>issuer %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Public keys: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>verify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>encrypt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Programs a blank UKey for an approved application: signs in as counter staff, has the CA issue the SM2 signing and encryption certificates, writes and verifies them, and confirms the issuance. On any failure nothing is left on the UKey and the application stays approved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The staff user and password are asked for, or read from CERTDESK_STAFF_USER and CERTDESK_STAFF_PASSWORD; the UKey PIN is asked for, or read from CERTDESK_PIN (empty on a PIN-pad reader).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Application ID (approved).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM file with the CA root certificate(s) the issued chain must end in (default: the root the service sends).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vendor profile to use instead of the matched one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CA file cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CA file holds no PEM certificate: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff user: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff password: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No staff user and password were given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff sign-in failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This staff account may not issue certificates (it has no counter role).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN of the UKey &quot;%1&quot; (empty on a PIN-pad reader): </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No UKey PIN was given.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::Documents</name>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file could not be read. Check that it still exists and that you may open it, then choose it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is empty. Choose the scan or photo of the document.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is far too large for a document scan (over %1 MB). Scan the document again at 200 to 300 dpi.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This file is not a picture or a PDF, whatever its name says (it may be a program or another kind of file). Choose a JPG, JPEG, PNG, BMP or GIF picture or a PDF of the document.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file&apos;s name does not match its content (for example a PDF named .jpg). Save the document again in its real format and choose that file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The picture cannot be opened: the file is damaged or incomplete. Scan or photograph the document again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The picture has more than 50 million pixels. Scan the document at 200 to 300 dpi, or take the photo at a lower resolution.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PDF is damaged or incomplete. Save or scan the document again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PDF is larger than %1 MB. Scan the document at a lower resolution, or upload a picture instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The picture cannot be made smaller than %1 MB and still be legible. Scan the document again in black and white or at a lower resolution.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No scanner was found. Connect the scanner, switch it on and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scanner is busy. Wait until it has finished, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The paper is jammed in the scanner. Remove it and scan again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no paper in the document feeder. Put the document in and scan again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scanner cover is open. Close it and scan again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer may not use the scanner. Ask the administrator for access to the scanner.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scan failed. Check the scanner and its cable, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::IdCard</name>
    <message>
        <source>The ID card was read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No ID card reader was found. Check that the reader is connected and its driver installed, or type the name and ID number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No ID card on the reader. Place the ID card flat on the reader and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ID card could not be read. Leave the card on the reader until it has been read, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The reader returned data that is not a valid ID card record. Try again, or type the name and ID number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This card is not a resident ID card. Type the name and ID number instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ID card reader does not respond. Reconnect it and try again, or type the name and ID number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ID card could not be read because of an internal error.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ID card reader&apos;s driver failed. Reconnect the reader and try again, or type the name and ID number.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::Issuance</name>
    <message>
        <source>Connect to the service and the UKey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in to the UKey with its PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prepare the keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request the certificates from the CA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unpack the keys sent by the CA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the keys and certificates to the UKey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify the UKey and the certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm the issuance to the CA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in as counter staff first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The application could not be read from the service: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This application is &quot;%1&quot;: only an approved application that has not been issued yet can be programmed onto a UKey.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CA did not issue the certificates: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CA did not confirm the issuance: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CA could not be reached to confirm the issuance, so the new keys and certificates were removed from the UKey again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The UKey is programmed: the signing and encryption certificates were written, verified and confirmed by the CA.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificates or keys sent by the CA did not pass the check: %1 Contact the CA before trying again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CertDesk cannot save its progress file, so nothing was written to the UKey. Check the free disk space and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part of this attempt may still be on the UKey: plug it in again and program it again; CertDesk removes those parts first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was left on the new UKey and the application is still approved: fix the problem and program the UKey again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::Pki</name>
    <message>
        <source>The operation succeeded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate or key data is damaged or in an unexpected format.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The signature is not valid. The data may have been changed or signed with another key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data could not be decrypted with this key. It may be meant for another key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The private key does not match the public key or certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This key type or algorithm is not supported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An internal cryptography error occurred. Please try again or contact the service desk.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::Print</name>
    <message>
        <source>CNY %1</source>
        <comment>an amount in yuan</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Authorization Letter for Certificate Algorithm Upgrade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Application Form for Certificate Algorithm Upgrade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (fields marked * are required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Business type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renewal + certificate algorithm upgrade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renewal period</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n year(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Certificate fee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Express fee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Declaration of the applying organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This organisation authorises the agent named above to apply for and use the digital certificate, promises that the information filled in and the supporting documents submitted are true, and has carefully read and agrees to all provisions of the %1 Electronic Certification Service Agreement; in case of any violation, it accepts all consequences and bears the related legal liability.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Declaration of the applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I promise that the information filled in and the supporting documents submitted are true, and I have carefully read and agree to all provisions of the %1 Electronic Certification Service Agreement; in case of any violation, I accept all consequences and bear the related legal liability.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Electronic Seal Collection Form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seal impressions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stamp the organisation&apos;s official seal inside each box below: complete, clear, within the box and not retouched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign your full name inside each box below with a black pen: clear, complete and within the box.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:</source>
        <comment>a label followed by a colon</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seal impression 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seal impression 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This organisation confirms that the impressions above were made with its genuine official seal, agrees that %1 makes its electronic seal from them, and bears the related legal liability.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I confirm that the signatures above are in my own hand, agree that %1 makes my electronic signature from them, and bear the related legal liability.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The form can be printed once the application has been submitted and has an order number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PDF file could not be written. Choose another folder or file name and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The form could not be printed. Check that the printer is ready and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shenzhen Electronic Commerce Security Certificate Management Co., Ltd.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%2/%3/%1</source>
        <comment>date: %1 year, %2 month, %3 day</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order No.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print on A4 paper. The QR code identifies this application for the CA&apos;s review; do not cover it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation credential number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID card number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applicant information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applicant name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date of application</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Official seal of the organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature of the agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signature of the applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailing label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>certificate UKey × 1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::Server</name>
    <message>
        <source>Sign-in required: send a valid access token and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your account does not have the role needed for this action.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found. Check the address or number and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The upload is larger than %1 bytes; make the file smaller and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some fields are not valid; correct them and submit again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Too many requests; wait %n second(s) and try again.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The request body is not valid JSON (at byte %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request body must be a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the application&apos;s access token (Authorization: Bearer ...) with this request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No such application.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This value has the wrong type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>This value is too long (at most %n characters).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Choose one of the certificate kinds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the certificate kind.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose no invoice or an electronic invoice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proof of possession is malformed: send challenge, certificate and signature in base64.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No certificate has this serial number. Check the number on the old certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The old certificate is of another kind; choose the kind shown by the lookup.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This mobile number is not registered to this ID number with the telecom operator. Check the real-name details in the operator&apos;s app, or use a number registered to this person.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown bank branch: type a keyword such as the bank&apos;s name and pick the branch from the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The old certificate&apos;s signature does not prove possession: look the certificate up again and sign the new challenge with the old UKey.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This challenge was already used; look the certificate up again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Application created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The application can be changed only while it is a draft or after it was rejected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The old certificate of an application cannot change; start a new application instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The years were paid for and cannot change any more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a rejected application can be resubmitted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix what the reviewer pointed out before resubmitting; unchanged: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload every required document and pass the liveness check before resubmitting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resubmitted after correction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificates are issued only for an approved application that has not been issued yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This value is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send DER in standard base64.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The transport key is not an SM2 SubjectPublicKeyInfo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CSR&apos;s SM2 signature does not verify with the default ID 1234567812345678.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CSR is not a PKCS#10 request for an SM2 key signed with SM2-with-SM3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send text of at most 128 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No such issuance for this application.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the latest unconfirmed issuance of an approved application can be confirmed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New SM2 certificates written to the UKey; the old certificate is revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CertDesk: the new SM2 certificates for order %1 were issued and the old certificate is now revoked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This certificate has been revoked and cannot be renewed; apply for a new certificate instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renewal opens on %1 (%2 days before the certificate expires); come back then.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate expired more than %1 days ago and can no longer be renewed; apply for a new certificate instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>limit must be a positive integer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the certificate serial number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No certificate has this serial number. Check the number on the old certificate and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Idempotency-Key is longer than 200 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This Idempotency-Key was already used with a different request body; use a new key for a new request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>corporate transfer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown document kind.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This document is not needed for this kind of certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documents can be uploaded only while the application is a draft or after it was rejected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload a JPEG, PNG, GIF or BMP image or a PDF file, and send its type in Content-Type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The upload was interrupted; send the file again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file&apos;s content is not what its type says (%1). Upload a real JPEG, PNG, GIF, BMP or PDF file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image has more than %1 million pixels; scan at a lower resolution and upload again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is damaged or incomplete and cannot be opened; upload it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The liveness check is done before payment, or after a rejection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The liveness check was already passed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The liveness QR code expired; start the check again and scan the new code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose WeChat Pay, Alipay or corporate transfer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Corporate transfer is only for institutions; natural persons pay by WeChat Pay or Alipay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This application is already paid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload every required document and pass the liveness check before paying; missing: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No such payment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paid by %1; waiting for the CA&apos;s review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CertDesk: order %1 is paid (%2 yuan) and now waits for the CA&apos;s review. We will text you the result.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CertDesk: the e-invoice %1 for order %2 (%3 yuan) is ready: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your e-invoice for order %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The outcome is &quot;pass&quot; or &quot;fail&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This liveness session is already finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This liveness session expired; start the check again in CertDesk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name or ID number does not match the agent on the application; the agent must do the check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name or ID number does not match the applicant; the applicant must do the check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The face check did not pass; start the check again in good light and follow the prompts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Liveness check passed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Liveness check failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This payment is already paid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This payment expired; start the payment again in CertDesk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1: %2 yuan paid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Enter a value of at most %n characters.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Give the expiry as an RFC 3339 time, such as 2026-01-31T16:00:00Z.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The legacy CA is not available in this build.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff sign-in required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The staff session is not valid or has expired; sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This action needs the %1 role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown status: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This document was not uploaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an application in review can be approved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved by the CA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CertDesk: order %1 was approved. The new certificate UKey will be issued and sent to you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an application in review can be rejected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give at least one reason, each pointing at a field or a document.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A target is &quot;field:&lt;field of the form&gt;&quot; or &quot;document:&lt;document kind&gt;&quot; of this application.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say what is wrong and how to fix it (at most 1000 characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CertDesk: order %1 was returned for correction: %2. Open CertDesk, fix it and resubmit; no second payment is needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only corporate transfers are confirmed by staff; QR payments confirm themselves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This payment is not waiting for confirmation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an issued certificate can be shipped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the carrier and the tracking number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent by %1, tracking number %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CertDesk: the new UKey for order %1 was sent by %2, tracking number %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an issued or shipped certificate can be handed over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UKey delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UKey handed over at the counter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request body could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service had an internal error; nothing was changed. Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The telecom real-name check cannot be reached at the moment; nothing was saved. Wait a minute and submit again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This CA has no liveness check configured; ask the CA&apos;s counter for help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This CA does not offer %1; choose another payment method.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate renewal, order %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be reached at the moment. Nothing was charged. Wait a minute and press Pay again, or choose another payment method.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refused the order. Nothing was charged. Choose another payment method, or call the CA for help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The face verification service cannot be reached at the moment. Wait a minute and start the liveness check again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The face verification service refused to start the check. Check the name and ID number on the form, or call the CA for help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name or ID number on the form changed after the check was started; start the check again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This service has no legacy CA.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::Token</name>
    <message>
        <source>The UKey or its driver is not answering. Unplug the UKey and plug it in again, then retry; or cancel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The operation was cancelled. Nothing was left half-written on the UKey.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The UKey driver (PKCS#11 module) was not found. Install the UKey vendor&apos;s driver or check the module path in the settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The UKey driver could not be loaded: the file is not a PKCS#11 module for this computer. Reinstall the UKey vendor&apos;s driver.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The UKey driver failed to start. Unplug the UKey, plug it in again and retry; if it keeps failing, reinstall the vendor&apos;s driver.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The UKey was not found. Check that it is plugged in and that its light is on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The UKey was removed. Plug it in again and retry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The UKey is blank or not recognized. Use a UKey issued for certificates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PIN is wrong. Check it and try again; the UKey locks after several wrong PINs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PIN is wrong. Only a few tries are left before the UKey locks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PIN is wrong. One try is left: one more wrong PIN locks the UKey.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The UKey PIN is locked after too many wrong tries. Contact the CA service counter to unlock it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The UKey does not accept this new PIN. Choose a PIN of the length and characters the UKey allows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The UKey PIN has expired. Change the PIN first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the UKey PIN first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The UKey is write-protected. Nothing can be written to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This UKey does not support the operation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The UKey already holds this key or certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate or key was not found on the UKey.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The UKey is full. Remove unused certificates or use another UKey.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The key on the UKey does not match the certificate. Nothing was kept on the UKey; retry or contact the CA.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The UKey produced an invalid signature. The UKey may be faulty or its driver unsupported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The UKey reported an error. Unplug it, plug it in again and retry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An internal error occurred while talking to the UKey.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::Validators</name>
    <message>
        <source>This field is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The text cannot contain line breaks or control characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>15-digit ID numbers are no longer accepted: enter the 18-digit ID number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An ID number has 18 characters: check that none is missing or extra.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the last character of the ID number can be X; the others are digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ID number may contain only digits and a final X.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use an upper-case X as the last character of the ID number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first two digits are not a valid province code: check the beginning of the ID number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The date of birth (digits 7–14) is not a valid date: check the ID number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The date of birth (digits 7–14) is before 1900: check the ID number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The date of birth (digits 7–14) is in the future: check the ID number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The check character is wrong: check the last character of the ID number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use upper-case letters in the unified social credit code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The unified social credit code cannot contain spaces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The unified social credit code cannot contain &quot;%1&quot;: it uses digits and the upper-case letters except I, O, Z, S and V.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The unified social credit code has 18 characters: check that none is missing or extra.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first two characters (registration authority and organisation type) are not valid: check the beginning of the code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Characters 3–8 must be a 6-digit administrative division code starting with a valid province code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The organisation code check character (17th character) is wrong: check characters 9–17.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The check character is wrong: check the last character of the unified social credit code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the 11-digit mobile number without +86.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the mobile number without spaces or dashes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mobile number may contain only digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A mobile number has 11 digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a mainland China mobile number: it starts with 13 to 19.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The e-mail address is too long (at most 254 characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The e-mail address cannot contain spaces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The e-mail address needs exactly one @.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the part before the @ (for example name@example.com).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the domain after the @ (for example name@example.com).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The part before the @ is too long (at most 64 characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The part before the @ contains a character that is not allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The part before the @ cannot start or end with a dot or have two dots in a row.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The domain after the @ needs a dot (for example example.com).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The domain after the @ may contain only letters, digits and hyphens, separated by single dots.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the account number in digits only (spaces are ignored).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An account number has 8 to 30 digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a name of 2 to 30 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A name cannot contain digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the name either in Chinese characters or in Latin letters, not mixed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name cannot contain &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The middle dot · cannot be at the start or end of the name, or twice in a row.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the middle dot · to separate the parts of the name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a Chinese name without spaces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spaces, dots and hyphens in a name must be single and between letters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a name of 2 to 100 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name must contain letters or Chinese characters, not only digits or punctuation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter an address of 5 to 200 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The serial number may contain only hexadecimal digits (0–9, A–F); colons and spaces are ignored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The serial number is too long: it has at most 40 hexadecimal digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a renewal period of 1 to %1 years.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read and accept the service agreement.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm that you understand the old certificate will be revoked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the bank from the list that appears while you type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the province again from the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The city does not belong to the chosen province: choose the city again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The county does not belong to the chosen city: choose the county again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::ui::AgreementPage</name>
    <message>
        <source>Service agreement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the agreement and the notice below, then tick both boxes to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Electronic certification service agreement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Electronic certification service agreement&lt;/h3&gt;&lt;p&gt;The applicant confirms that everything filled in and every document submitted is true, and accepts the provisions of the CA&apos;s electronic certification service agreement. The applicant bears all consequences and legal liability of any violation.&lt;/p&gt;&lt;p&gt;The CA verifies the applicant&apos;s identity (telecom real-name check of the mobile number, online liveness check of the agent or applicant, review of the stamped documents) before issuing the new certificates.&lt;/p&gt;&lt;p&gt;The new SM2 signing and encryption certificates are written to a new UKey, which is mailed to the agent (or applicant) after the CA&apos;s review.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Note:&lt;/b&gt; after the algorithm upgrade the original certificate is revoked. If bid documents have already been encrypted with it, they can no longer be decrypted. Make sure the certificate to be upgraded has not been used to encrypt any bid documents. If it has, apply for this service only after the bid opening.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I have read and agree to the service agreement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I understand that the old certificate will be revoked and that bid documents encrypted to it can no longer be decrypted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The full text of the agreement; read it before accepting it below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required: accepts the service agreement above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required: upgrade only after bid opening, the old certificate stops working</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::ui::ApplicantPage</name>
    <message>
        <source>Applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill in the certificate holder&apos;s details (fields marked * are required).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applicant information</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::ui::ApplicationCentre</name>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FAQ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Frequently asked questions and contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print application form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identity check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Application progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order number: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>current step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps of the application</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asks the CA for the application&apos;s current state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The guide and answers to common questions</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::ui::ApplicationDetails</name>
    <message>
        <source>Electronic invoice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No invoice needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n year(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Application fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>passed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order No. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Old certificate %1 · holder proven with the old UKey: %2 · liveness: %3 · paid: %4 · total ¥%5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The serial number was typed: check the holder against the documents with extra care.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::ui::ApplicationQueue</name>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order No.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Holder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is waiting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n application(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>certdesk::ui::ApplicationWizard</name>
    <message>
        <source>Certificate renewal and SM2 upgrade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No certificate service is configured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The application could not be submitted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goes on to the next step once this one is complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returns to the previous step; nothing is lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closes the form after submission</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closes the form; the draft is kept</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::ui::BankPage</name>
    <message>
        <source>Basic account name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of the organisation&apos;s corporate account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basic account bank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a keyword of the bank to search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basic account number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The organisation&apos;s bank account number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Financial authentication information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The organisation&apos;s basic account (fields marked * are required).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tip: choose the bank correctly from the drop-down list of search results; type part of the bank&apos;s Chinese name, for example the two characters for Industrial and Commercial Bank.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No bank matches this keyword: try a shorter part of the bank&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::ui::CentreSession</name>
    <message>
        <source>No certificate service is configured: start CertDesk with --server or --sandbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service does not know this application, or the access code kept on this computer is no longer valid.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::ui::CounterDesk</name>
    <message>
        <source>New application for a walk-in applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applicant home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill in a new application for a walk-in applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the applicant home page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Program UKey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shipment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counter desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your staff session has expired. Sign in again to continue; the desk stays as it was.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in as %1 (%2) until %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::ui::CounterSession</name>
    <message>
        <source>No certificate service is configured: start CertDesk with --server or --sandbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the user name and the password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counter clerk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::ui::DocumentSlot</name>
    <message>
        <source>Choose file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a file for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download the electronic seal collection form template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploaded (%1, %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not uploaded yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not uploaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review comment: %1 A new file has been uploaded; resubmit the application when every point is fixed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review comment: %1 Please upload a corrected file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scans and photos (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the file for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking and preparing %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanning… Put the stamped document on the scanner glass, face down.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was uploaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The upload failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QR code check of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QR code of the %1 checked: it belongs to this application.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This %1 belongs to another application (order number %2). Please upload the %1 printed for this application.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is the %1, not the %2. Please upload it in its own place and put the %2 here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The QR code on the %1 could not be read. It is uploaded anyway; please make sure it is the form printed for this application (order number %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploads a scan or photo of the stamped document from a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scans the stamped document on the scanner and uploads it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stops the upload or scan that is running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The form to print, stamp and upload here</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::ui::DocumentViewer</name>
    <message>
        <source>Open with the system viewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploaded documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Document picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the document with the system viewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (not uploaded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No document was uploaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a document to view it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: PDF document, %2. Open it with the system viewer to read it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: picture %2 × %3 pixels, %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2, %3; it cannot be shown here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The document could not be saved for viewing: check the disk space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No program to show this document was found on this PC.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the document at the width of the view</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::ui::DocumentsPage</name>
    <message>
        <source>Next: identity check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload the application form, the business licence scan, the electronic seal collection form and the ID card scan. Note: the application form must carry the organisation&apos;s official seal and the agent&apos;s handwritten signature; the business licence, the electronic seal collection form and the ID card scan must carry the organisation&apos;s official seal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload the application form, the electronic seal collection form and the applicant&apos;s ID card scan. Note: the application form must carry the applicant&apos;s handwritten signature.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted formats: %1; at most %2 MB per file. Scans and photos are straightened, scaled to A4 and compressed before the upload.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On this terminal documents are taken with the scanner.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can also drag a file onto its box.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The documents are with the CA for review and can no longer be changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goes on to the identity check once every document is uploaded</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::ui::FormField</name>
    <message>
        <source>What can I do?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error in %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::ui::FormPreview</name>
    <message>
        <source>Preview of the application form</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::ui::HelpDialog</name>
    <message>
        <source>help_en.html</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Help and FAQ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::ui::HomePage</name>
    <message>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bidding certificate renewal and SM2 algorithm upgrade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill in the form → print the application form → upload the stamped documents → identity check by WeChat → pay online → CA review → the new UKey is mailed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New application</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Help and FAQ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved drafts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue a saved draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not filled in yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 · saved %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Track a submitted application</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submitted applications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>View progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 · %2 · submitted %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>status unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No saved drafts. Press &quot;New application&quot; to start; what you type is saved as you go.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starts the form for renewing and upgrading a certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The guide and answers to common questions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forms started on this computer and not yet submitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continues the draft chosen in the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deletes the draft chosen in the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applications sent from this computer, with their state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opens the application chosen in the list</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::ui::IdCardButton</name>
    <message>
        <source>Read ID card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fills in the %1&apos;s name and ID number from the ID card on the reader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result of reading the ID card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the ID card...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ID card was read: name and ID number filled in. Check them.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::ui::InvoicePage</name>
    <message>
        <source>No invoice needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Electronic invoice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoice information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose whether an invoice is needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After payment the electronic invoice link is sent to the agent&apos;s (or applicant&apos;s) mobile phone and e-mail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How to receive the invoice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No invoice is issued for this application</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::ui::IssuancePage</name>
    <message>
        <source>Reading the state of UKey %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not programmed: stopped waiting for the UKey.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped waiting for the UKey: its PIN may not have been changed. Check it before the UKey leaves the counter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Program UKey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Program the chosen UKey for the chosen application</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel programming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Programming steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Programming progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New UKey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Programming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an approved application in the list, then the new UKey.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Order %1 · %2 · %3 · %n year(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Programming UKeys needs the counter clerk role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the new SM2 certificates of order %1 (%2) to UKey %3? When the service confirms, the old certificate is revoked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PIN of the NEW UKey, to write the certificates of order %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not programmed: no PIN was entered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the PIN of the new UKey on the reader&apos;s PIN pad.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Programming UKey %1 for order %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling: removing what was written to the UKey…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UKey %1 now holds the new SM2 signing and encryption certificates of order %2, and the old certificate is revoked. Next: hand it over or send it (Shipment).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Programming failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This UKey still has its factory default PIN. Let the applicant type a PIN of their own now, so that nobody else can use the new certificates.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This UKey asks for its PIN to be changed. Let the applicant type a PIN of their own now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PIN was not changed: tell the applicant to change it before the first use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changing the PIN…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PIN was not changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PIN of UKey %1 was changed. Only the applicant knows it now.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::ui::KindPage</name>
    <message>
        <source>Choose the certificate to renew and upgrade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bidding certificates: renewal together with the upgrade from RSA to the SM2 algorithm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filled in by the organisation&apos;s agent: organisation, agent, bank account, mailing address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filled in by the holder: applicant, mailing address.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::ui::LetterPage</name>
    <message>
        <source>Print preview…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print application form…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download application form (PDF)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download the electronic seal collection form…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next: upload documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download the electronic seal collection form template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the electronic seal collection form…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the certificate algorithm upgrade application form, stamp it with the organisation&apos;s official seal and have the agent sign it by hand. Then scan it and upload it in the next step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the certificate algorithm upgrade application form and sign it by hand. Then scan it and upload it in the next step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The application form was sent to the printer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the application form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The electronic seal collection form was sent to the printer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the electronic seal collection form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goes on to uploading the stamped documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows the application form as it will be printed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prints the application form to be stamped and signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saves the application form as a PDF file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The electronic seal collection form, pre-filled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::ui::LivenessPage</name>
    <message>
        <source>Get a new QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the check page in the browser (training mode)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next: online payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WeChat identity check QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing the QR code…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing the identity check…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the scan…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open WeChat on the agent&apos;s phone, tap Scan and follow the steps. This page updates by itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open WeChat on the applicant&apos;s phone, tap Scan and follow the steps. This page updates by itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The QR code has expired.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Get a new QR code and scan it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The identity check failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The person scanning must be the agent named on the form, and the name and ID number in WeChat must match the form. If the form is wrong, correct it (Progress → Edit application), then get a new QR code and scan again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The person scanning must be the applicant named on the form, and the name and ID number in WeChat must match the form. If the form is wrong, correct it (Progress → Edit application), then get a new QR code and scan again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identity check passed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue with the online payment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The identity check is not needed now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the network connection and get a new QR code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check again with a new QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent scans the QR code with WeChat (Scan) and completes the online liveness check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The applicant scans the QR code with WeChat (Scan) and completes the online liveness check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note: complete the check with WeChat; the identity information must match the applicant information on the form.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who scans: the agent %1, ID number %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who scans: the applicant %1, ID number %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The QR code is valid until %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opens the identity check page in the browser of this computer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::ui::LookupPage</name>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop waiting for the old UKey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can also cancel and type the serial number of the old certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped waiting for the UKey. Type the serial number of the old certificate, or try again with the UKey.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate serial number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the serial number of the certificate to renew</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate to renew</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The serial number is shown in the certificate details (hexadecimal, e.g. 5F:3A:0C:…); colons and spaces may be kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No certificate service is configured: start CertDesk with --server or --sandbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking up the certificate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No certificate with this serial number was found. Check the number and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate kind was set to %1, as recorded for this certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Holder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Algorithm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fee per year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>¥%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renewal</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Allowed, 1 to %n year(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>New validity starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This certificate cannot be renewed now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — serial %2 — on UKey %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read from UKey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use this certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign with the old UKey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert your current UKey and read the certificate from it, or enter its serial number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the certificate from the old UKey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reads the certificate on the inserted UKey and proves with its PIN that you hold it. Nothing is written to the UKey.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificates on the inserted UKeys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the chosen certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Old UKey status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign the lookup challenge with the old UKey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The old UKey proved that you hold this certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the certificates on the inserted UKeys…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No certificate was found. Insert the old UKey (the one holding the certificate to renew) and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The inserted UKeys hold no RSA certificate. Insert the old UKey (the one holding the certificate to renew) and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Several certificates were found: choose the one to renew.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate read from UKey %1. Looking it up…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the PIN state of UKey %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the PIN of the old UKey on the reader&apos;s PIN pad.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The old certificate signs a one-time challenge from the CA to prove that you hold it. The PIN is used once and not kept; nothing is written to the UKey.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not signed: the serial number was filled in, but holding the old certificate is not proven. Sign with the old UKey to prove it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing with the old UKey…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The old UKey proved that you hold this certificate: the application will be marked as verified by the old certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The old UKey&apos;s signature is no longer valid (a challenge from the lookup proves possession once, within a few minutes). Sign again with the old UKey, or continue without: the application is then not marked as verified by the old certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training certificates:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>renewable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not renewable (to see the refusal)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asks the CA about the certificate with this serial number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificates of the training service to practise with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Puts the chosen training certificate&apos;s serial number in the field</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::ui::MailingPage</name>
    <message>
        <source>Delivery address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Street, building and room for the certificate UKey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailing information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new UKey and the invoice are mailed to this address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detailed address for receiving the mailed certificate and invoice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Province</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>County or district</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Province / city / county</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select province</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select city</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select county</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part of the mailing address: province, then city, then county</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::ui::MainWindow</name>
    <message>
        <source>CertDesk — training mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CertDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training mode: the embedded sandbox service is used; nothing reaches the CA.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local database could not be opened: drafts will not be kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft saved at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The draft could not be saved: check the disk space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>No activity: in %n second(s) everything entered in this session is cleared. Touch the screen to continue.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Counter desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time left in this session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Without input, everything entered is cleared when this reaches zero</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session time left %1:%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::ui::OnScreenKeyboard</name>
    <message>
        <source>On-screen keyboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Touch keyboard for the field that has the focus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On-screen keyboard key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pinyin being typed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Candidate %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Types these characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous candidates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More candidates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check character X of an ID number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch between pinyin and Latin letters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chooses the first candidate, or types a space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deletes the last letter or character</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Types the pinyin letters as they are, or confirms the field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chinese (pinyin) input is not available on this terminal: Latin letters and digits only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pinyin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ABC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide keyboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Puts the keyboard away; touch a field to bring it back</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::ui::OldCertificateStatusLabel</name>
    <message>
        <source>Old certificate status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Old certificate %1: asking the CA for its status…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Old certificate %1: its status could not be checked (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Old certificate %1: the CA&apos;s status answer failed the signature checks, so it is not shown. Contact the CA.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Old certificate %1: still valid (not revoked), according to the CA&apos;s OCSP responder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Old certificate %1: revoked on %2, replaced by the new certificates (CA&apos;s OCSP responder).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Old certificate %1: revoked on %2 (CA&apos;s OCSP responder).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Old certificate %1: the CA&apos;s OCSP responder does not know this certificate.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::ui::OrganizationPage</name>
    <message>
        <source>Organisation name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full registered name of the organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation credential number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>18-character unified social credit code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered address of the organisation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation and agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill in the organisation and the agent who handles this application (fields marked * are required).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent information</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::ui::PaymentPage</name>
    <message>
        <source>%1 yuan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Please choose a payment method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Corporate account transfer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pay now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the payment page in the browser (training mode)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose another payment method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Business service:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Business description:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Years:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate fee:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Express fee:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total fee:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment platform:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payee:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bank:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference to quote:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer the amount from the organisation&apos;s basic account and quote the reference above in the transfer note. When the CA has confirmed the payment, the application goes to review by itself; this page updates when that happens.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Algorithm upgrade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1-year %2 algorithm upgrade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 year(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>upload the documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>complete the identity check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment is not possible in the current state of the application.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Before paying, please %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> and </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the payment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the transfer to arrive…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the payment…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payment has expired. Choose the method again to get a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment successful.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next: wait for the CA&apos;s review. When it is approved, the new certificate UKey is mailed to the agent; please watch for the courier&apos;s tracking information.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next: wait for the CA&apos;s review. When it is approved, the new certificate UKey is mailed to the applicant; please watch for the courier&apos;s tracking information.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan the QR code with WeChat to pay %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan the QR code with Alipay to pay %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The code is valid until %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You chose not to receive an invoice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Electronic invoice: checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Electronic invoice: the status could not be loaded (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Electronic invoice: being issued. The link will be sent to the phone %1 and the e-mail %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Electronic invoice %1 has been issued; the link was sent to the phone %2 and the e-mail %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the invoice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creates the payment with the method chosen above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pay by scanning a QR code with WeChat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pay by scanning a QR code with Alipay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pay by bank transfer from the organisation&apos;s account</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::ui::PaymentsPage</name>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer received: confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Corporate transfers waiting for confirmation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order No.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transfer announced until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm that the transfer arrived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm a transfer only when the amount with its reference code is on the CA&apos;s account statement. The application then goes to review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>¥%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No corporate transfer is waiting for confirmation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n transfer(s) waiting for confirmation</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Confirming transfers needs the counter clerk role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm transfer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Has ¥%1 for order %2 from %3 arrived on the CA&apos;s account?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The transfer for order %1 was confirmed; the application is now in review.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::ui::PersonFields</name>
    <message>
        <source>%1 name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full name as on the ID card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID card number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>18-character resident ID card number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mobile number registered under this ID (real name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail address for notices and the e-invoice</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::ui::PinDialog</name>
    <message>
        <source>The PIN is locked. It must be unblocked with the administrator PIN before the UKey can be used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last try: one more wrong PIN locks the UKey.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A wrong PIN was entered before: few tries are left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The UKey asks for its PIN to be changed after this use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UKey PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the UKey PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UKey: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current PIN:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat the new PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New PIN:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PIN has %1 to %2 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PIN has at least %1 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the current PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new PIN is too short.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two new PINs differ.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::ui::QrWidget</name>
    <message>
        <source>QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan this code with WeChat on your phone.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::ui::RejectReasonsEditor</name>
    <message>
        <source>Add reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field or document the reason points at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is wrong and how to fix it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reasons of the rejection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the chosen reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points at:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::ui::ReviewPage</name>
    <message>
        <source>Submit application</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check and submit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check everything once more. After submission you print the application form, upload the stamped documents, pass the identity check and pay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Business type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renewal + certificate algorithm upgrade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate serial number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renewal years</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n year(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Certificate fee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>¥%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Express fee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID card number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation credential number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Financial authentication information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basic account name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basic account bank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basic account number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applicant information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailing information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Province / city / county</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoice information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Electronic invoice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No invoice needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No certificate service is configured: start CertDesk with --server or --sandbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submitting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submitted. Order number: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to do when the telecom real-name check fails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sends the application to the CA; you can still change it afterwards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary of the application</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything entered, to check before submitting</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::ui::ReviewQueuePage</name>
    <message>
        <source>Choose an application in the list to review it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return to the applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve the application</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return the application to the applicant with the reasons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything matches the documents and the identity check:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or return it: add one reason per field or document to fix (the applicant sees each one there).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Return to the applicant with %n reason(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Approving and returning applications needs the reviewer role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve order %1 of %2? It then waits for its UKey to be programmed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 was approved; it is now in the issuance queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Return order %1 to the applicant with %n reason(s)? The applicant fixes them and resubmits without paying again.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Order %1 was returned to the applicant.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::ui::ShipmentPage</name>
    <message>
        <source>Record shipment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handed over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print mailing label…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SF Express</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JD Logistics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ZTO Express</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>YTO Express</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tracking number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the shipment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record that the UKey was handed over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print the mailing label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send by courier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carrier:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tracking number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The applicant collected the UKey at the counter, or the courier delivered it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a programmed UKey&apos;s application in the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent by %1, tracking number %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording shipments and handovers needs the counter clerk role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 was sent by %2, tracking number %3; the applicant is told.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record that the UKey of order %1 was delivered? The application is then completed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record that the applicant collected the UKey of order %1? The application is then completed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1 is completed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mailing label of order %1 was printed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::ui::StaffLoginPage</name>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staff user name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counter staff sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reviewers approve or return applications; counter clerks confirm transfers, program UKeys and send them. Sign in with the account the CA gave you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::ui::StatusPage</name>
    <message>
        <source>Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mobile phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>contact e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation credential number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Organisation address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basic account name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basic account bank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basic account number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivery address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Province / city / county</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renewal years</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejection reasons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit application…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resubmit for review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shipment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the tracking number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Courier:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tracking number:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>print the application form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>upload the stamped documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>complete the identity check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pay online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The application has been received. Still to do: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment received. The CA is reviewing the application; when it is approved, the new certificate UKey is mailed to the agent. Please watch for the courier&apos;s tracking information.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Payment received. The CA is reviewing the application; when it is approved, the new certificate UKey is mailed to the applicant. Please watch for the courier&apos;s tracking information.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The review rejected the application. Fix each point below, then resubmit it. There is nothing to pay again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The review approved the application. The new SM2 certificates are being issued.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new certificates have been written onto the new UKey; it will be mailed soon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new certificate UKey has been mailed. Use the tracking number below to follow it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed. The old certificate has been revoked; use the new UKey from now on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The application was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After changing the form (Edit application) and uploading new documents where asked, press Resubmit for review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change this field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resubmitting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not every point of the rejection has been changed yet. Fix each point listed above, then resubmit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resubmitted. The CA reviews the application again; there is nothing to pay again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opens the form to change the application</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::ui::TokenPicker</name>
    <message>
        <source>Looking for UKeys…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add PKCS#11 module…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UKeys found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search for UKeys again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a PKCS#11 module file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PKCS#11 module of the UKey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PKCS#11 modules (*.so *.dll *.dylib)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add PKCS#11 module</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2 %3, serial %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty slot or uninitialized UKey (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>write-protected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No PKCS#11 module is installed or configured: add the UKey vendor&apos;s module.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No usable UKey found: insert the new UKey.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>certdesk::ui::YearsPage</name>
    <message>
        <source>Renewal period and fees</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose how many years to renew. The fees are those of the certificate service.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renewal years</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Business type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renewal + certificate algorithm upgrade</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n year(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Certificate fee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Express fee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many years the new certificate is valid; the fee follows</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
