#pragma once

#include "print/PrintedForm.h"

namespace certdesk::print {

// The authorization letter of the guide's step 5 (打印证书算法升级申请表): for institutions the
// 证书算法升级申请表 (证书信息, 单位信息, 经办人信息, 申请单位声明, 申请日期, 单位公章 and 经办人签字
// boxes), for a natural person the same 证书算法升级申请表 with (证书信息, 申请人信息, 申请声明, 申请日期,
// 申请人签名). Both carry the order number (订单编号) and a QR code with LetterPayload {id, order no,
// application_form}.
class LetterLayout final : public PrintedForm
{
public:
    explicit LetterLayout(const Application& application, FormOptions options = {});
    [[nodiscard]] QString title() const override;

protected:
    void paintBody(FormPainter& form) const override;
};

// The 电子印章采集表 template of the upload step (模板下载): pre-filled organisation and agent (or applicant)
// data, two boxes for the seal impression (natural person: for the signature), the declaration, 申请日期 and
// the 单位公章 / 经办人签字 (申请人签名) boxes, and a QR code with LetterPayload {id, order no, e_seal_form}.
class ESealFormLayout final : public PrintedForm
{
public:
    explicit ESealFormLayout(const Application& application, FormOptions options = {});
    [[nodiscard]] QString title() const override;

protected:
    void paintBody(FormPainter& form) const override;
};

} // namespace certdesk::print
