using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GovChannel.Web.Areas.Apps;
using GovChannel.Web.Areas.Identity;
using GovChannel.Web.Areas.OpenData.Ckan;
using GovChannel.Web.Areas.Search;
using GovChannel.Web.Areas.Services.Catalogue;
using GovChannel.Web.Areas.Services.Manuals;
using GovChannel.Web.Areas.Services.News;
using GovChannel.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GovChannel.Web.Areas.Services;

/// <summary>
/// Demo citizen manuals, e-services, apps and news for <c>seed demo</c>, written for GovChannel (not copied from
/// government sites; every link points at example.go.th). Manuals pass the same validation as the API. Safe to run twice.
/// </summary>
public static class ServicesDemoSeed
{
    private sealed record Step(string Kind, string Detail, decimal Value, string Unit, string Unit2 = "");

    private sealed record Doc(string Name, string? Issuer, int Originals, int Copies, bool Linked = false, string? Remark = null, bool Identity = false);

    private sealed record DemoManual(
        string Key, string Agency, string Name, string NameEn, string Category, string Type, string Law, int LawYear, string Section,
        string[] Areas, string Criteria, Step[] Steps, Doc[] Docs, (string Description, decimal? Amount, decimal? Max)[]? Fees,
        string Place, int Average, string[] Units, string State = ManualStates.Published, string? CopyOf = null);

    private static readonly Doc IdCard = new("บัตรประจำตัวประชาชน", "กรมการปกครอง", 1, 0, Remark: "แสดงบัตรตัวจริง ไม่ต้องถ่ายสำเนา", Identity: true);
    private static readonly Doc HouseBook = new("ทะเบียนบ้าน", "กรมการปกครอง", 0, 0, Linked: true, Remark: "เจ้าหน้าที่ตรวจสอบจากฐานข้อมูลทะเบียนราษฎรเอง", Identity: true);
    private static readonly (string, decimal?, decimal?)[] NoFee = [];

    private static Step Min(string kind, string detail, int minutes) => new(kind, detail, minutes, "minute");
    private static Step Days(string kind, string detail, int days) => new(kind, detail, days, "workday");

    private static readonly DemoManual[] Manuals =
    [
        new("birth", "dopa", "การแจ้งเกิด", "Registering a birth", "notification", "regional-local", "พระราชบัญญัติการทะเบียนราษฎร", 2534, "มาตรา 18",
            ["regional", "local"], "เจ้าบ้านหรือบิดามารดาแจ้งการเกิดต่อนายทะเบียนแห่งท้องที่ที่เด็กเกิดภายใน 15 วันนับแต่วันเกิด หากแจ้งเกินกำหนดยังแจ้งได้ แต่นายทะเบียนต้องสอบสวนพยานบุคคลเพิ่มเติม",
            [Min("document-check", "ตรวจสอบหนังสือรับรองการเกิดและหลักฐานของผู้แจ้ง", 10), Min("consideration", "บันทึกข้อมูลการเกิดและเพิ่มชื่อเด็กเข้าทะเบียนบ้าน", 15), Min("signing", "นายทะเบียนลงนามในสูติบัตร", 5)],
            [IdCard, HouseBook, new("หนังสือรับรองการเกิด (ท.ร.1/1) ที่โรงพยาบาลออกให้", "สถานพยาบาลที่เด็กเกิด", 1, 0)], NoFee,
            "สำนักทะเบียนอำเภอหรือสำนักทะเบียนท้องถิ่นที่เด็กเกิด", 320, ["สำนักทะเบียนอำเภอ", "สำนักทะเบียนท้องถิ่นเทศบาล"]),
        new("death", "dopa", "การแจ้งตาย", "Registering a death", "notification", "regional-local", "พระราชบัญญัติการทะเบียนราษฎร", 2534, "มาตรา 21",
            ["regional", "local"], "ผู้พบการตายหรือเจ้าบ้านแจ้งการตายภายใน 24 ชั่วโมงนับแต่เวลาตายหรือพบศพ กรณีตายในสถานพยาบาลให้ใช้หนังสือรับรองการตายที่สถานพยาบาลออกให้",
            [Min("document-check", "ตรวจสอบหนังสือรับรองการตายและหลักฐานผู้แจ้ง", 10), Min("consideration", "บันทึกการตายและจำหน่ายชื่อออกจากทะเบียนบ้าน", 15), Min("signing", "นายทะเบียนลงนามในมรณบัตร", 5)],
            [IdCard, HouseBook, new("หนังสือรับรองการตาย (ท.ร.4/1)", "สถานพยาบาล", 1, 0, Remark: "กรณีตายในสถานพยาบาล")], NoFee,
            "สำนักทะเบียนอำเภอหรือสำนักทะเบียนท้องถิ่นที่มีการตาย", 250, ["สำนักทะเบียนอำเภอ"]),
        new("move-in", "dopa", "การแจ้งย้ายเข้า", "Registering a move to a new address", "notification", "regional-local", "พระราชบัญญัติการทะเบียนราษฎร", 2534, "มาตรา 30",
            ["regional", "local"], "ผู้ย้ายที่อยู่แจ้งย้ายเข้าภายใน 15 วันนับแต่วันที่ย้ายเข้าอยู่ เจ้าบ้านต้องยินยอม ปัจจุบันแจ้งย้ายปลายทางได้โดยไม่ต้องไปแจ้งย้ายออกที่ต้นทาง",
            [Min("document-check", "ตรวจสอบคำร้องและความยินยอมของเจ้าบ้าน", 10), Min("consideration", "ตรวจสอบรายการบุคคลจากฐานข้อมูลและบันทึกการย้าย", 15), Min("signing", "นายทะเบียนลงนามและเพิ่มชื่อในทะเบียนบ้านปลายทาง", 5)],
            [IdCard, HouseBook, new("หนังสือยินยอมของเจ้าบ้าน", null, 1, 0, Remark: "กรณีเจ้าบ้านไม่มาด้วยตนเอง")], NoFee,
            "สำนักทะเบียนแห่งท้องที่ที่ย้ายเข้า", 900, ["สำนักทะเบียนอำเภอ", "สำนักทะเบียนท้องถิ่น"]),
        new("id-card-lost", "dopa", "การขอมีบัตรประจำตัวประชาชนใหม่ กรณีบัตรหายหรือถูกทำลาย", "Replacing a lost or destroyed ID card", "service", "regional-local", "พระราชบัญญัติบัตรประจำตัวประชาชน", 2526, "มาตรา 6",
            ["central", "regional", "local"], "ผู้ถือบัตรยื่นคำขอภายใน 60 วันนับแต่วันที่บัตรหายหรือถูกทำลาย ณ สำนักทะเบียนใดก็ได้ทั่วประเทศ",
            [Min("document-check", "ตรวจสอบตัวบุคคลด้วยลายพิมพ์นิ้วมือและภาพใบหน้า", 5), Min("consideration", "ถ่ายภาพ บันทึกข้อมูล และพิมพ์บัตร", 10), Min("signing", "เจ้าหน้าที่มอบบัตรและผู้ยื่นลงนามรับบัตร", 5)],
            [HouseBook, new("หลักฐานที่ทางราชการออกให้ซึ่งมีรูปถ่าย เช่น ใบอนุญาตขับรถหรือหนังสือเดินทาง", "หน่วยงานที่ออกเอกสาร", 1, 0, Remark: "ใช้ยืนยันตัวตนแทนบัตรที่หาย", Identity: true)],
            [("ค่าธรรมเนียมการออกบัตรใหม่กรณีบัตรหายหรือถูกทำลาย", 100, null)],
            "สำนักทะเบียนอำเภอ สำนักทะเบียนท้องถิ่น และจุดบริการในห้างสรรพสินค้า", 1800, ["สำนักทะเบียนอำเภอ", "สำนักทะเบียนท้องถิ่น"]),
        new("marriage", "dopa", "การจดทะเบียนสมรส", "Registering a marriage", "registration", "regional-local", "ประมวลกฎหมายแพ่งและพาณิชย์", 2478, "มาตรา 1457",
            ["central", "regional", "local"], "คู่สมรสอายุครบ 17 ปีบริบูรณ์ ไม่เป็นคู่สมรสของผู้อื่น และยื่นคำร้องพร้อมกันต่อนายทะเบียน ณ สำนักทะเบียนแห่งใดก็ได้",
            [Min("document-check", "ตรวจสอบคุณสมบัติและหลักฐานของคู่สมรส", 10), Min("consideration", "บันทึกการสมรสในระบบทะเบียนครอบครัว", 15), Min("signing", "คู่สมรส พยาน และนายทะเบียนลงนาม ออกใบสำคัญการสมรส", 10)],
            [IdCard, HouseBook, new("บัตรประจำตัวประชาชนของพยาน 2 คน", "กรมการปกครอง", 2, 0)], NoFee,
            "สำนักทะเบียนอำเภอ สำนักงานเขต และสถานเอกอัครราชทูต", 1200, ["สำนักทะเบียนอำเภอ", "สำนักงานเขต"]),
        new("divorce", "dopa", "การจดทะเบียนหย่าโดยความยินยอม", "Registering a divorce by mutual consent", "registration", "regional-local", "ประมวลกฎหมายแพ่งและพาณิชย์", 2478, "มาตรา 1515",
            ["regional", "local"], "คู่สมรสทั้งสองฝ่ายยินยอมและมาแสดงตนพร้อมกัน ทำความตกลงเรื่องอำนาจปกครองบุตรและทรัพย์สินเป็นหนังสือ",
            [Min("document-check", "ตรวจสอบหลักฐานการสมรสและบันทึกข้อตกลง", 10), Min("consideration", "บันทึกการหย่าในระบบทะเบียนครอบครัว", 15), Min("signing", "ลงนามและออกใบสำคัญการหย่า", 5)],
            [IdCard, new("ใบสำคัญการสมรส", "กรมการปกครอง", 1, 0), new("หนังสือตกลงเรื่องบุตรและทรัพย์สิน", null, 1, 1)], NoFee,
            "สำนักทะเบียนอำเภอหรือสำนักงานเขต", 450, ["สำนักทะเบียนอำเภอ"]),
        new("house-number", "dopa", "การขอเลขที่บ้านใหม่", "Requesting a house number for a new building", "registration", "regional-local", "พระราชบัญญัติการทะเบียนราษฎร", 2534, "มาตรา 36",
            ["regional", "local"], "เจ้าบ้านแจ้งขอเลขที่บ้านภายใน 15 วันนับแต่วันที่สร้างบ้านเสร็จ เจ้าหน้าที่จะไปตรวจสอบสถานที่จริงก่อนกำหนดเลขที่บ้าน",
            [Days("document-check", "ตรวจสอบคำร้องและใบอนุญาตก่อสร้าง", 1), Days("consideration", "ตรวจสอบสถานที่และพิจารณากำหนดเลขที่บ้าน", 5), Days("signing", "นายทะเบียนลงนามและออกทะเบียนบ้านเล่มใหม่", 1)],
            [IdCard, new("ใบอนุญาตก่อสร้างอาคาร", "องค์กรปกครองส่วนท้องถิ่น", 1, 1, Remark: "กรณีอยู่ในเขตควบคุมอาคาร"), new("หลักฐานสิทธิในที่ดิน", "กรมที่ดิน", 0, 0, Linked: true, Remark: "เจ้าหน้าที่ตรวจสอบจากระบบของกรมที่ดิน")], NoFee,
            "สำนักทะเบียนท้องที่ที่ตั้งบ้าน", 150, ["สำนักทะเบียนอำเภอ", "สำนักทะเบียนท้องถิ่น"]),
        new("name-change", "dopa", "การขอเปลี่ยนชื่อตัว", "Changing a first name", "registration", "regional-local", "พระราชบัญญัติชื่อบุคคล", 2505, "มาตรา 6",
            ["regional", "local"], "ผู้ขอยื่นคำขอต่อนายทะเบียนท้องที่ที่มีชื่ออยู่ในทะเบียนบ้าน ชื่อใหม่ต้องไม่พ้องกับพระนามหรือราชทินนามและไม่มีความหมายหยาบคาย",
            [Min("document-check", "ตรวจสอบคำขอ (ช.1) และความถูกต้องของชื่อใหม่", 15), Min("consideration", "พิจารณาความหมายและความเหมาะสมของชื่อ", 30), Min("signing", "นายทะเบียนลงนามหนังสือสำคัญการเปลี่ยนชื่อ (ช.3)", 15)],
            [IdCard, HouseBook], [("ค่าธรรมเนียมการเปลี่ยนชื่อตัว", 100, null)],
            "สำนักทะเบียนอำเภอที่มีชื่ออยู่ในทะเบียนบ้าน", 2100, ["สำนักทะเบียนอำเภอ"]),
        new("company", "dbd", "การจดทะเบียนจัดตั้งบริษัทจำกัด", "Registering a limited company", "registration", "single-unit", "ประมวลกฎหมายแพ่งและพาณิชย์", 2478, "มาตรา 1111",
            ["central", "regional"], "ผู้เริ่มก่อการอย่างน้อย 2 คนจองชื่อนิติบุคคล จัดทำหนังสือบริคณห์สนธิ ประชุมจัดตั้ง และยื่นจดทะเบียนภายใน 3 เดือนนับแต่ประชุมจัดตั้ง ยื่นได้ทั้งที่สำนักงานและทางระบบจดทะเบียนออนไลน์",
            [Min("document-check", "ตรวจสอบคำขอ หนังสือบริคณห์สนธิ และรายงานการประชุมจัดตั้ง", 20), Min("consideration", "นายทะเบียนพิจารณารับจดทะเบียน", 30), Min("signing", "นายทะเบียนลงนามและออกหนังสือรับรอง", 10)],
            [IdCard, new("แบบจองชื่อนิติบุคคลที่ได้รับอนุมัติ", "กรมพัฒนาธุรกิจการค้า", 0, 0, Linked: true), new("หนังสือบริคณห์สนธิและข้อบังคับ", null, 1, 0), new("รายงานการประชุมจัดตั้งบริษัท", null, 1, 0)],
            [("ค่าธรรมเนียมจดทะเบียน ทุก 100,000 บาทของทุนจดทะเบียน", 500, null), ("ค่าธรรมเนียมขั้นต่ำ (ทุนไม่เกิน 1 ล้านบาท)", 5000, 250000)],
            "สำนักงานบริการจดทะเบียนธุรกิจ และระบบจดทะเบียนนิติบุคคลทางอิเล็กทรอนิกส์", 6000, ["สำนักงานพัฒนาธุรกิจการค้าจังหวัด"]),
        new("commercial-registration", "dbd", "การจดทะเบียนพาณิชย์ (ตั้งใหม่) สำหรับบุคคลธรรมดา", "Commercial registration for a sole trader", "registration", "regional-local", "พระราชบัญญัติทะเบียนพาณิชย์", 2499, "มาตรา 11",
            ["regional", "local"], "ผู้ประกอบพาณิชยกิจตามที่กฎกระทรวงกำหนดยื่นจดทะเบียนภายใน 30 วันนับแต่วันเริ่มประกอบกิจการ",
            [Min("document-check", "ตรวจสอบคำขอ (แบบ ทพ.) และหลักฐานสถานที่ประกอบการ", 15), Min("consideration", "พิจารณารับจดทะเบียน", 15), Min("signing", "ลงนามและออกใบทะเบียนพาณิชย์", 10)],
            [IdCard, HouseBook, new("หนังสือยินยอมให้ใช้สถานที่ประกอบการ", null, 1, 0, Remark: "กรณีไม่ใช่เจ้าของสถานที่")], [("ค่าธรรมเนียมจดทะเบียนพาณิชย์", 50, null)],
            "สำนักงานเขต เทศบาล องค์การบริหารส่วนตำบล", 3200, ["สำนักงานเขต", "เทศบาล"]),
        new("name-reservation", "dbd", "การจองชื่อนิติบุคคล", "Reserving a company name", "approval", "single-unit", "ประมวลกฎหมายแพ่งและพาณิชย์", 2478, "มาตรา 1099",
            ["central"], "ผู้ขอจองชื่อผ่านระบบออนไลน์ ชื่อต้องไม่ซ้ำหรือคล้ายกับนิติบุคคลที่จดทะเบียนไว้ ชื่อที่ได้รับอนุมัติใช้ได้ 30 วัน",
            [Min("document-check", "ระบบตรวจสอบชื่อซ้ำและคำต้องห้าม", 10), Min("consideration", "นายทะเบียนพิจารณาความเหมาะสมของชื่อ", 30), Min("signing", "แจ้งผลการอนุมัติทางอีเมล", 20)],
            [IdCard], NoFee, "ระบบจองชื่อนิติบุคคลทางอินเทอร์เน็ต", 25000, ["กองทะเบียนบริษัทมหาชนและข้อมูลธุรกิจ"]),
        new("company-certificate", "dbd", "การขอหนังสือรับรองนิติบุคคล", "Requesting a company certificate", "certificate", "single-unit", "ประมวลกฎหมายแพ่งและพาณิชย์", 2478, "มาตรา 1020",
            ["central", "regional"], "บุคคลใดก็ขอหนังสือรับรองได้ เลือกรับเป็นเอกสารหรือหนังสือรับรองอิเล็กทรอนิกส์ที่มีลายมือชื่อดิจิทัล",
            [Min("document-check", "ตรวจสอบคำขอ", 5), Min("consideration", "จัดพิมพ์ข้อมูลจากทะเบียน", 10), Min("signing", "นายทะเบียนลงนามรับรอง", 5)],
            [], [("ค่าหนังสือรับรอง ฉบับละ", 200, null)], "สำนักงานบริการจดทะเบียนธุรกิจทุกแห่ง และทางออนไลน์", 40000, ["สำนักงานพัฒนาธุรกิจการค้าจังหวัด"]),
        new("clinic", "moph", "การขอใบอนุญาตประกอบกิจการสถานพยาบาลประเภทคลินิก", "Licensing a private clinic", "licence", "multi-unit", "พระราชบัญญัติสถานพยาบาล", 2541, "มาตรา 14",
            ["central", "regional"], "ผู้ขอได้รับใบอนุญาตให้จัดตั้งแล้ว สถานที่ผ่านการตรวจมาตรฐาน และมีผู้ประกอบวิชาชีพที่ได้รับอนุญาตเป็นผู้ดำเนินการ",
            [Days("document-check", "ตรวจสอบคำขอและเอกสารประกอบ", 5), Days("consideration", "ตรวจสถานที่และพิจารณาตามมาตรฐาน", 20), Days("signing", "ผู้อนุญาตลงนามในใบอนุญาต", 5)],
            [IdCard, new("ใบอนุญาตประกอบวิชาชีพของผู้ดำเนินการ", "สภาวิชาชีพ", 0, 1, Remark: "รับรองสำเนาถูกต้อง"), new("แผนผังสถานพยาบาล", null, 1, 0)],
            [("ค่าธรรมเนียมใบอนุญาตประกอบกิจการ (ตามประเภทคลินิก)", 1000, 3000)],
            "กองสถานพยาบาลและการประกอบโรคศิลปะ หรือสำนักงานสาธารณสุขจังหวัด", 180, ["สำนักงานสาธารณสุขจังหวัด"]),
        new("health-rights", "moph", "การลงทะเบียนเลือกหน่วยบริการประจำตามสิทธิหลักประกันสุขภาพ", "Choosing a primary-care unit under universal health coverage", "enrolment", "regional-local", "พระราชบัญญัติหลักประกันสุขภาพแห่งชาติ", 2545, "มาตรา 6",
            ["central", "regional", "local"], "ผู้มีสัญชาติไทยที่ไม่มีสิทธิสวัสดิการอื่น เลือกหน่วยบริการประจำใกล้ที่อยู่ เปลี่ยนหน่วยบริการได้ปีละไม่เกิน 4 ครั้ง",
            [Min("document-check", "ตรวจสอบสิทธิจากฐานข้อมูลกลาง", 5), Min("consideration", "บันทึกการเลือกหน่วยบริการ", 5), Min("other", "แจ้งผลการลงทะเบียน", 5)],
            [IdCard, HouseBook], NoFee, "โรงพยาบาลส่งเสริมสุขภาพตำบล โรงพยาบาลรัฐ และแอปพลิเคชัน", 15000, ["โรงพยาบาลส่งเสริมสุขภาพตำบล"]),
        new("building-permit", "bma", "การขออนุญาตก่อสร้างอาคารพักอาศัยไม่เกิน 2 ชั้น", "Building permit for a house of up to two storeys", "licence", "single-unit", "พระราชบัญญัติควบคุมอาคาร", 2522, "มาตรา 21",
            ["local"], "ผู้ขอเป็นเจ้าของที่ดินหรือได้รับความยินยอมจากเจ้าของ แบบแปลนลงนามโดยวิศวกรและสถาปนิกตามที่กฎหมายกำหนด",
            [Days("document-check", "ตรวจสอบคำขอและแบบแปลน", 5), Days("consideration", "ตรวจสอบสถานที่และพิจารณาแบบตามกฎหมายควบคุมอาคาร", 35), Days("signing", "ผู้อำนวยการเขตลงนามใบอนุญาต (อ.1)", 5)],
            [IdCard, new("โฉนดที่ดิน", "กรมที่ดิน", 0, 1, Remark: "สำเนาทุกหน้า"), new("แบบแปลนและรายการคำนวณ", null, 5, 0, Remark: "จำนวน 5 ชุด")],
            [("ค่าธรรมเนียมตรวจแบบ ตารางเมตรละ", 0.5m, null), ("ค่าใบอนุญาตก่อสร้าง", 20, null)],
            "ฝ่ายโยธา สำนักงานเขต", 90, ["ฝ่ายโยธา สำนักงานเขต"]),
        new("food-shop", "bma", "การขอใบอนุญาตจัดตั้งสถานที่จำหน่ายอาหาร", "Licensing a food shop", "licence", "single-unit", "พระราชบัญญัติการสาธารณสุข", 2535, "มาตรา 38",
            ["local"], "สถานที่มีพื้นที่เกิน 200 ตารางเมตร ผ่านการตรวจสุขลักษณะ ผู้สัมผัสอาหารผ่านการอบรมสุขาภิบาลอาหาร",
            [Days("document-check", "ตรวจสอบคำขอและเอกสาร", 3), Days("consideration", "ตรวจสุขลักษณะของสถานที่", 20), Days("signing", "ผู้อำนวยการเขตลงนามใบอนุญาต", 7)],
            [IdCard, new("หนังสือรับรองการผ่านการอบรมผู้สัมผัสอาหาร", "กรมอนามัย", 0, 1)], [("ค่าธรรมเนียมใบอนุญาตรายปี (ตามพื้นที่)", 200, 3000)],
            "ฝ่ายสิ่งแวดล้อมและสุขาภิบาล สำนักงานเขต", 120, ["ฝ่ายสิ่งแวดล้อมและสุขาภิบาล สำนักงานเขต"]),
        new("elderly-allowance", "moi", "การลงทะเบียนรับเงินเบี้ยยังชีพผู้สูงอายุ", "Registering for the old-age allowance", "enrolment", "regional-local", "ระเบียบกระทรวงมหาดไทยว่าด้วยหลักเกณฑ์การจ่ายเงินเบี้ยยังชีพผู้สูงอายุขององค์กรปกครองส่วนท้องถิ่น", 2552, "ข้อ 6",
            ["local"], "ผู้มีสัญชาติไทย อายุ 60 ปีบริบูรณ์ขึ้นไปในปีงบประมาณถัดไป มีภูมิลำเนาในท้องถิ่น และไม่ได้รับสวัสดิการอื่นจากรัฐในลักษณะเดียวกัน ลงทะเบียนได้ระหว่างเดือนตุลาคมถึงกันยายน",
            [Min("document-check", "ตรวจสอบคุณสมบัติจากฐานข้อมูลทะเบียนราษฎร", 10), Min("consideration", "บันทึกการลงทะเบียนและเลือกวิธีรับเงิน", 10), Min("other", "ออกใบรับลงทะเบียน", 5)],
            [IdCard, HouseBook, new("สมุดบัญชีเงินฝากธนาคาร", "ธนาคาร", 0, 1, Remark: "กรณีขอรับเงินผ่านบัญชีธนาคาร")], NoFee,
            "องค์กรปกครองส่วนท้องถิ่นที่มีภูมิลำเนา", 700, ["องค์การบริหารส่วนตำบล", "เทศบาล"]),
        new("pollution-complaint", "pcd", "การรับเรื่องร้องเรียนปัญหามลพิษ", "Reporting a pollution problem", "service", "single-unit", "พระราชบัญญัติส่งเสริมและรักษาคุณภาพสิ่งแวดล้อมแห่งชาติ", 2535, "มาตรา 6",
            ["central", "regional"], "ผู้ร้องแจ้งสถานที่ ช่วงเวลา และลักษณะของปัญหา (ฝุ่น กลิ่น น้ำเสีย เสียง) ระบุตัวตนหรือไม่ก็ได้ เรื่องที่อยู่ในอำนาจของท้องถิ่นจะส่งต่อภายใน 1 วันทำการ",
            [Days("document-check", "ลงทะเบียนและคัดกรองเรื่องร้องเรียน", 1), Days("consideration", "ตรวจสอบข้อเท็จจริงหรือส่งต่อหน่วยงานที่รับผิดชอบ", 12), Days("other", "แจ้งผลการดำเนินการแก่ผู้ร้อง", 2)],
            [new("ภาพถ่ายหรือคลิปประกอบ (ถ้ามี)", null, 0, 1)], NoFee, "ศูนย์รับเรื่องร้องเรียนปัญหามลพิษ สายด่วน 1650 และทางออนไลน์", 400, ["ศูนย์รับเรื่องร้องเรียนปัญหามลพิษ"]),
        new("weather-certificate", "tmd", "การขอหนังสือรับรองสภาพอากาศ", "Requesting a weather certificate", "certificate", "single-unit", "พระราชบัญญัติปรับปรุงกระทรวง ทบวง กรม", 2545, "มาตรา 18",
            ["central"], "ใช้ประกอบการเรียกร้องค่าสินไหมทดแทนหรือการพิจารณาคดี ระบุสถานที่ วันที่ และช่วงเวลาที่ต้องการ",
            [Days("document-check", "ตรวจสอบคำขอ", 1), Days("consideration", "ค้นข้อมูลตรวจอากาศและจัดทำหนังสือรับรอง", 3), Days("signing", "ผู้อำนวยการลงนามรับรอง", 1)],
            [IdCard], [("ค่าหนังสือรับรองข้อมูลอุตุนิยมวิทยา ฉบับละ", 100, null)], "ศูนย์ภูมิอากาศ กรมอุตุนิยมวิทยา และทางออนไลน์", 60, ["ศูนย์ภูมิอากาศ"]),
        new("micro-data", "nso", "การขอใช้ข้อมูลสถิติรายละเอียดระดับย่อย", "Requesting statistical micro-data", "approval", "single-unit", "พระราชบัญญัติสถิติ", 2550, "มาตรา 15",
            ["central"], "ผู้ขอระบุวัตถุประสงค์ทางวิชาการหรือการวางนโยบาย ลงนามข้อตกลงการรักษาความลับ ข้อมูลที่ได้รับไม่มีข้อมูลระบุตัวบุคคล",
            [Days("document-check", "ตรวจสอบคำขอและวัตถุประสงค์", 2), Days("consideration", "พิจารณาและจัดเตรียมข้อมูลที่ลบข้อมูลระบุตัวตนแล้ว", 10), Days("signing", "ผู้มีอำนาจลงนามอนุมัติและส่งมอบข้อมูล", 3)],
            [IdCard, new("หนังสือข้อตกลงการรักษาความลับของข้อมูล", "สำนักงานสถิติแห่งชาติ", 1, 0)], NoFee,
            "ศูนย์บริการข้อมูลสถิติ และทางอีเมล", 35, ["ศูนย์บริการข้อมูลสถิติ"], State: ManualStates.Draft),
        new("gdx", "dga", "การขอเชื่อมโยงข้อมูลผ่านแพลตฟอร์มแลกเปลี่ยนข้อมูลภาครัฐ", "Connecting an agency to the government data exchange", "approval", "single-unit", "พระราชบัญญัติการบริหารงานและการให้บริการภาครัฐผ่านระบบดิจิทัล", 2562, "มาตรา 12",
            ["central"], "หน่วยงานผู้ขอระบุชุดข้อมูล วัตถุประสงค์ และฐานทางกฎหมายในการใช้ข้อมูล และได้รับความยินยอมจากหน่วยงานเจ้าของข้อมูล",
            [Days("document-check", "ตรวจสอบคำขอและฐานทางกฎหมาย", 2), Days("consideration", "ประสานหน่วยงานเจ้าของข้อมูลและทดสอบการเชื่อมโยง", 6), Days("signing", "อนุมัติและออกสิทธิ์การเข้าถึง", 2)],
            [new("หนังสือขอเชื่อมโยงข้อมูลจากหัวหน้าหน่วยงาน", null, 1, 0)], NoFee, "ศูนย์บริการหน่วยงานภาครัฐ สพร.", 45, ["ศูนย์บริการหน่วยงานภาครัฐ"], State: ManualStates.Approved),
        new("elderly-allowance-bma", "bma", "การลงทะเบียนรับเงินเบี้ยยังชีพผู้สูงอายุ", "Registering for the old-age allowance (Bangkok)", "enrolment", "regional-local", "ระเบียบกระทรวงมหาดไทยว่าด้วยหลักเกณฑ์การจ่ายเงินเบี้ยยังชีพผู้สูงอายุขององค์กรปกครองส่วนท้องถิ่น", 2552, "ข้อ 6",
            ["local"], "ผู้มีสัญชาติไทย อายุ 60 ปีบริบูรณ์ขึ้นไปในปีงบประมาณถัดไป มีภูมิลำเนาในกรุงเทพมหานคร ลงทะเบียนที่สำนักงานเขตตามทะเบียนบ้าน",
            [Min("document-check", "ตรวจสอบคุณสมบัติจากฐานข้อมูลทะเบียนราษฎร", 10), Min("consideration", "บันทึกการลงทะเบียนและเลือกวิธีรับเงิน", 10), Min("other", "ออกใบรับลงทะเบียน", 5)],
            [IdCard, HouseBook, new("สมุดบัญชีเงินฝากธนาคาร", "ธนาคาร", 0, 1, Remark: "กรณีขอรับเงินผ่านบัญชีธนาคาร")], NoFee,
            "ฝ่ายพัฒนาชุมชนและสวัสดิการสังคม สำนักงานเขต 50 เขต", 2600, ["ฝ่ายพัฒนาชุมชนและสวัสดิการสังคม สำนักงานเขต"], CopyOf: "elderly-allowance"),
    ];

    private sealed record DemoService(string Slug, string Name, string NameEn, string Agency, int Level, string Category, string[] Channels,
        string[] Audiences, string[] Events, string Launched, string? Manual, string Description);

    private static readonly DemoService[] EServices =
    [
        new("birth-notice-online", "แจ้งเกิดออนไลน์จากโรงพยาบาล", "Online birth notice from the hospital", "dopa", 4, "civil-registration", ["web", "app"], ["citizen"], ["birth"], "2023-01-16", "birth", "โรงพยาบาลส่งข้อมูลการเกิดเข้าระบบทะเบียนราษฎรโดยตรง บิดามารดายืนยันตัวตนผ่านแอปแล้วรับสูติบัตรอิเล็กทรอนิกส์"),
        new("death-notice-online", "แจ้งตายผ่านระบบเชื่อมโยงโรงพยาบาล", "Death notice through hospital linkage", "dopa", 3, "civil-registration", ["web", "counter"], ["citizen"], ["death"], "2023-06-01", "death", "ญาติยื่นแจ้งตายโดยใช้ข้อมูลจากหนังสือรับรองการตายอิเล็กทรอนิกส์ของสถานพยาบาล"),
        new("move-address-online", "แจ้งย้ายที่อยู่ออนไลน์", "Online change of address", "dopa", 3, "civil-registration", ["web", "app"], ["citizen"], ["moving-house"], "2022-10-03", "move-in", "ยื่นแจ้งย้ายเข้าและยืนยันความยินยอมของเจ้าบ้านผ่านแอป ไม่ต้องไปสำนักทะเบียนต้นทาง"),
        new("queue-registration-office", "จองคิวสำนักทะเบียน", "Book a registration office appointment", "dopa", 2, "civil-registration", ["web", "app", "kiosk"], ["citizen"], ["birth", "marriage", "moving-house", "death"], "2019-03-01", null, "จองวันและเวลารับบริการงานทะเบียนและบัตรล่วงหน้าที่สำนักทะเบียนทั่วประเทศ"),
        new("marriage-appointment", "นัดหมายจดทะเบียนสมรสนอกสำนักทะเบียน", "Appointment to register a marriage off-site", "dopa", 2, "civil-registration", ["web", "counter"], ["citizen"], ["marriage"], "2020-02-10", "marriage", "ขอให้นายทะเบียนไปจดทะเบียนสมรสนอกสำนักทะเบียน และนัดหมายวันเวลาออนไลน์"),
        new("id-card-status", "ตรวจสอบสถานะบัตรประจำตัวประชาชน", "Check an ID card's status", "dopa", 1, "civil-registration", ["web", "kiosk"], ["citizen", "business"], [], "2015-07-01", null, "ตรวจสอบว่าบัตรประจำตัวประชาชนยังใช้ได้หรือถูกยกเลิก เพื่อป้องกันการปลอมแปลง"),
        new("digital-id-register", "ลงทะเบียนตัวตนดิจิทัล", "Register a digital identity", "dopa", 4, "civil-registration", ["app", "counter", "kiosk"], ["citizen"], ["first-job"], "2022-01-20", null, "ยืนยันตัวตนด้วยบัตรประจำตัวประชาชนและภาพใบหน้า เพื่อใช้เข้าสู่บริการภาครัฐออนไลน์ด้วยบัญชีเดียว"),
        new("house-record-copy", "ขอคัดรับรองรายการทะเบียนบ้านอิเล็กทรอนิกส์", "Electronic certified house registration record", "dopa", 4, "civil-registration", ["web", "app"], ["citizen"], ["moving-house"], "2024-02-01", null, "รับสำเนารายการทะเบียนบ้านที่ลงลายมือชื่อดิจิทัล ใช้แทนสำเนาเอกสารได้ทุกหน่วยงาน"),
        new("name-change-check", "ตรวจสอบชื่อตัวก่อนยื่นขอเปลี่ยนชื่อ", "Check a new first name before applying", "dopa", 2, "civil-registration", ["web"], ["citizen"], [], "2021-05-17", "name-change", "ตรวจสอบว่าชื่อใหม่พ้องกับพระนามหรือคำต้องห้ามหรือไม่ และพิมพ์คำขอ ช.1 ล่วงหน้า"),
        new("company-registration-online", "จดทะเบียนบริษัทออนไลน์", "Online company registration", "dbd", 4, "business", ["web"], ["business"], ["starting-business"], "2019-11-01", "company", "ยื่นจดทะเบียนจัดตั้งบริษัท ลงนามด้วยลายมือชื่ออิเล็กทรอนิกส์ ชำระค่าธรรมเนียมออนไลน์ และรับหนังสือรับรองอิเล็กทรอนิกส์"),
        new("name-reservation-online", "จองชื่อนิติบุคคลออนไลน์", "Online company name reservation", "dbd", 3, "business", ["web"], ["business"], ["starting-business"], "2016-04-01", "name-reservation", "ค้นหาชื่อซ้ำและจองชื่อนิติบุคคล รับผลการพิจารณาทางอีเมล"),
        new("company-certificate-online", "ขอหนังสือรับรองนิติบุคคลอิเล็กทรอนิกส์", "Electronic company certificate", "dbd", 4, "business", ["web", "app"], ["business", "citizen"], ["starting-business"], "2020-09-01", "company-certificate", "รับหนังสือรับรองที่มีลายมือชื่อดิจิทัล ตรวจสอบความถูกต้องได้ด้วย QR code"),
        new("financial-statement-filing", "นำส่งงบการเงินทางอิเล็กทรอนิกส์", "Electronic filing of financial statements", "dbd", 3, "business", ["web"], ["business"], [], "2017-01-09", null, "นิติบุคคลนำส่งงบการเงินประจำปีในรูปแบบไฟล์ XBRL ผ่านระบบออนไลน์"),
        new("business-data-search", "ค้นหาข้อมูลนิติบุคคล", "Company information search", "dbd", 1, "business", ["web", "app"], ["business", "citizen", "foreigner"], [], "2014-06-01", null, "ค้นหาชื่อ ทุน ที่ตั้ง กรรมการ และงบการเงินของนิติบุคคลที่จดทะเบียน"),
        new("commercial-registration-online", "จดทะเบียนพาณิชย์ออนไลน์", "Online commercial registration", "dbd", 3, "business", ["web"], ["business"], ["starting-business"], "2021-08-02", "commercial-registration", "บุคคลธรรมดายื่นจดทะเบียนพาณิชย์และชำระค่าธรรมเนียมออนไลน์ รับใบทะเบียนทางอีเมล"),
        new("clinic-licence-online", "ยื่นขอใบอนุญาตสถานพยาบาลออนไลน์", "Online clinic licence application", "moph", 3, "health", ["web"], ["business"], ["starting-business"], "2021-03-15", "clinic", "ยื่นคำขอ แนบเอกสาร ติดตามสถานะ และชำระค่าธรรมเนียมใบอนุญาตประกอบกิจการสถานพยาบาล"),
        new("health-rights-check", "ตรวจสอบสิทธิการรักษาพยาบาล", "Check health coverage rights", "moph", 1, "health", ["web", "app", "kiosk"], ["citizen"], ["health", "birth"], "2016-10-01", "health-rights", "ตรวจสอบสิทธิหลักประกันสุขภาพและหน่วยบริการประจำของตนเองและบุตร"),
        new("health-unit-change", "เปลี่ยนหน่วยบริการประจำด้วยตนเอง", "Change one's primary-care unit", "moph", 4, "health", ["app"], ["citizen"], ["moving-house", "health"], "2022-04-01", "health-rights", "เลือกหน่วยบริการใกล้ที่อยู่ใหม่ ยืนยันตัวตนด้วยบัญชีดิจิทัล มีผลภายในวันเดียวกัน"),
        new("vaccination-record", "ประวัติการรับวัคซีน", "Vaccination record", "moph", 4, "health", ["app", "web"], ["citizen", "foreigner"], ["health", "travel"], "2021-06-07", null, "ดูประวัติวัคซีนจากฐานข้อมูลสถานพยาบาลทั่วประเทศ และขอใบรับรองดิจิทัลสำหรับการเดินทาง"),
        new("hospital-queue", "จองคิวโรงพยาบาลรัฐ", "Book a public hospital appointment", "moph", 2, "health", ["app", "web"], ["citizen"], ["health"], "2020-08-17", null, "จองคิวตรวจที่แผนกผู้ป่วยนอกของโรงพยาบาลรัฐที่เข้าร่วมโครงการ"),
        new("building-permit-online", "ขออนุญาตก่อสร้างอาคารออนไลน์", "Online building permit", "bma", 3, "land-housing", ["web"], ["citizen", "business"], ["moving-house"], "2022-07-01", "building-permit", "ยื่นแบบแปลนเป็นไฟล์ ติดตามการพิจารณา และชำระค่าธรรมเนียมออนไลน์"),
        new("food-shop-licence", "ต่ออายุใบอนุญาตสถานที่จำหน่ายอาหาร", "Renew a food shop licence", "bma", 3, "business", ["web", "counter"], ["business"], ["starting-business"], "2023-02-01", "food-shop", "ยื่นต่ออายุใบอนุญาตรายปีและชำระค่าธรรมเนียมออนไลน์"),
        new("bma-complaint", "แจ้งปัญหาเมือง", "Report a city problem", "bma", 2, "city", ["app", "web"], ["citizen"], [], "2022-05-24", null, "แจ้งปัญหาทางเท้า ไฟฟ้าส่องสว่าง ขยะ และน้ำท่วม พร้อมพิกัดและภาพถ่าย ติดตามสถานะได้"),
        new("bma-tax-payment", "ชำระภาษีที่ดินและสิ่งปลูกสร้าง", "Pay land and building tax", "bma", 3, "tax", ["web", "app", "counter"], ["citizen", "business"], [], "2020-08-01", null, "ตรวจสอบใบแจ้งประเมินและชำระภาษีผ่านธนาคารหรือ QR code"),
        new("bma-elderly-allowance", "ลงทะเบียนเบี้ยยังชีพผู้สูงอายุ กรุงเทพมหานคร", "Old-age allowance registration, Bangkok", "bma", 2, "welfare", ["web", "counter"], ["citizen"], ["retirement"], "2021-10-01", "elderly-allowance-bma", "ตรวจสอบคุณสมบัติและนัดหมายลงทะเบียนที่สำนักงานเขต"),
        new("bma-school-enrolment", "สมัครเรียนโรงเรียนสังกัดกรุงเทพมหานคร", "Enrol in a Bangkok school", "bma", 3, "education", ["web"], ["citizen"], ["education"], "2023-12-01", null, "สมัครเรียนชั้นอนุบาลและประถมศึกษา อัปโหลดหลักฐาน และดูผลการคัดเลือก"),
        new("elderly-allowance-status", "ตรวจสอบสถานะเบี้ยยังชีพผู้สูงอายุ", "Check old-age allowance status", "moi", 1, "welfare", ["web", "kiosk"], ["citizen"], ["retirement"], "2018-10-01", "elderly-allowance", "ตรวจสอบว่ามีชื่อในทะเบียนผู้มีสิทธิและวันที่โอนเงินในแต่ละเดือน"),
        new("disability-allowance", "ลงทะเบียนเบี้ยความพิการ", "Register for the disability allowance", "moi", 2, "welfare", ["counter", "web"], ["citizen"], ["health"], "2019-10-01", null, "ดาวน์โหลดแบบคำขอและนัดหมายลงทะเบียนที่องค์กรปกครองส่วนท้องถิ่น"),
        new("disaster-relief", "ขอรับความช่วยเหลือผู้ประสบภัย", "Apply for disaster relief", "moi", 3, "environment", ["web", "app", "counter"], ["citizen"], ["disaster"], "2022-10-15", null, "ผู้ประสบอุทกภัยหรือวาตภัยยื่นคำขอรับเงินช่วยเหลือ แนบภาพความเสียหาย และติดตามผล"),
        new("pollution-report", "ร้องเรียนปัญหามลพิษออนไลน์", "Report pollution online", "pcd", 3, "environment", ["web", "app"], ["citizen", "business"], [], "2019-12-01", "pollution-complaint", "แจ้งปัญหาฝุ่น กลิ่น น้ำเสีย หรือเสียง พร้อมพิกัดและภาพ ติดตามผลการตรวจสอบ"),
        new("air-quality-now", "คุณภาพอากาศปัจจุบัน", "Current air quality", "pcd", 1, "environment", ["web", "app", "kiosk"], ["citizen", "foreigner"], ["health"], "2015-03-01", null, "ดัชนีคุณภาพอากาศและค่า PM2.5 รายชั่วโมงจากสถานีตรวจวัดทั่วประเทศ"),
        new("industrial-discharge", "รายงานการปล่อยน้ำทิ้งจากโรงงาน", "Industrial wastewater reporting", "pcd", 3, "environment", ["web"], ["business"], [], "2020-04-01", null, "ผู้ประกอบการรายงานผลการตรวจวัดคุณภาพน้ำทิ้งรายเดือน"),
        new("weather-certificate-online", "ขอหนังสือรับรองสภาพอากาศออนไลน์", "Online weather certificate", "tmd", 3, "environment", ["web"], ["citizen", "business"], ["disaster", "travel"], "2021-01-11", "weather-certificate", "ยื่นคำขอ ชำระค่าธรรมเนียม และรับหนังสือรับรองเป็นไฟล์ PDF ที่ลงลายมือชื่อดิจิทัล"),
        new("weather-warning", "ประกาศเตือนภัยสภาพอากาศ", "Severe weather warnings", "tmd", 1, "environment", ["web", "app", "kiosk"], ["citizen", "foreigner"], ["disaster", "travel"], "2014-01-01", null, "ประกาศเตือนพายุ ฝนตกหนัก และคลื่นลมแรง รายจังหวัด"),
        new("earthquake-report", "รายงานแผ่นดินไหว", "Earthquake reports", "tmd", 1, "environment", ["web", "app"], ["citizen"], ["disaster"], "2016-05-01", null, "ตำแหน่ง ขนาด และเวลาของแผ่นดินไหวที่ตรวจวัดได้"),
        new("statistics-request", "ขอข้อมูลสถิติ", "Request statistical data", "nso", 2, "statistics", ["web"], ["citizen", "business", "government"], ["education"], "2018-06-01", "micro-data", "ยื่นคำขอข้อมูลสถิติและติดตามสถานะการจัดเตรียมข้อมูล"),
        new("statistics-dashboard", "แดชบอร์ดสถิติจังหวัด", "Provincial statistics dashboard", "nso", 1, "statistics", ["web", "kiosk"], ["citizen", "government"], [], "2020-01-15", null, "ตัวชี้วัดสำคัญด้านประชากร แรงงาน และเศรษฐกิจรายจังหวัด"),
        new("government-data-exchange", "ขอเชื่อมโยงข้อมูลระหว่างหน่วยงาน", "Request inter-agency data linkage", "dga", 4, "statistics", ["web"], ["government"], [], "2021-09-01", "gdx", "หน่วยงานขอใช้ข้อมูลจากหน่วยงานอื่นผ่านแพลตฟอร์มกลาง พร้อมบันทึกความยินยอมและการเข้าถึง"),
        new("citizen-portal-login", "บัญชีเดียวเข้าบริการภาครัฐ", "One account for government services", "dga", 4, "civil-registration", ["app", "web"], ["citizen"], ["first-job"], "2021-09-15", null, "เข้าสู่บริการภาครัฐหลายหน่วยงานด้วยบัญชีดิจิทัลเดียว ดูข้อมูลส่วนบุคคลที่หน่วยงานถือไว้"),
        new("e-document-verify", "ตรวจสอบเอกสารอิเล็กทรอนิกส์ภาครัฐ", "Verify a government e-document", "dga", 2, "civil-registration", ["web", "kiosk"], ["citizen", "business", "foreigner"], [], "2022-11-01", null, "อัปโหลดหรือสแกน QR code เพื่อตรวจสอบลายมือชื่อดิจิทัลของเอกสารที่หน่วยงานรัฐออกให้"),
        new("job-seeker-registration", "ขึ้นทะเบียนผู้ว่างงานออนไลน์", "Online jobseeker registration", "moi", 3, "employment", ["web"], ["citizen"], ["first-job", "retirement"], "2020-04-10", null, "ลงทะเบียนผู้ว่างงาน รายงานตัวออนไลน์ และรับข้อมูลตำแหน่งงานว่างในพื้นที่"),
    ];

    private sealed record DemoApp(string Slug, string Name, string NameEn, string Agency, string Category, string[] Platforms, string Version, string Description);

    private static readonly DemoApp[] AppsToSeed =
    [
        new("dopa-digital-id", "ดีโอพีเอ ดิจิทัลไอดี", "DOPA Digital ID", "dopa", "civil-registration", ["android", "ios"], "3.2.1", "บัตรประจำตัวประชาชนในรูปแบบดิจิทัล ใช้ยืนยันตัวตนกับบริการภาครัฐและเอกชน"),
        new("dopa-queue", "คิวทะเบียน", "Registration Queue", "dopa", "civil-registration", ["android", "ios", "web"], "2.0.4", "จองคิวงานทะเบียนและบัตร ดูจำนวนคิวที่รออยู่ในแต่ละสำนักทะเบียน"),
        new("dopa-family", "ทะเบียนครอบครัวของฉัน", "My Family Records", "dopa", "civil-registration", ["android", "ios"], "1.4.0", "ดูรายการทะเบียนบ้าน ทะเบียนสมรส และสูติบัตรของสมาชิกในครอบครัว"),
        new("dbd-biz", "ดีบีดี บิซ", "DBD Biz", "dbd", "business", ["android", "ios"], "5.1.2", "ค้นหาข้อมูลนิติบุคคล ติดตามคำขอจดทะเบียน และรับแจ้งเตือนกำหนดส่งงบการเงิน"),
        new("dbd-e-registration", "จดทะเบียนธุรกิจ", "Business e-Registration", "dbd", "business", ["web"], "4.0.0", "จองชื่อและจดทะเบียนนิติบุคคลด้วยลายมือชื่ออิเล็กทรอนิกส์"),
        new("moph-health-id", "หมอพร้อม", "Mor Prom", "moph", "health", ["android", "ios", "huawei"], "6.3.0", "ประวัติวัคซีน นัดหมายโรงพยาบาล และผลตรวจสุขภาพในที่เดียว"),
        new("moph-rights", "สิทธิสุขภาพ", "Health Rights", "moph", "health", ["android", "ios"], "2.2.5", "ตรวจสอบสิทธิการรักษา เปลี่ยนหน่วยบริการประจำ และค้นหาสถานพยาบาลใกล้บ้าน"),
        new("moph-hospital-queue", "คิวโรงพยาบาล", "Hospital Queue", "moph", "health", ["android", "ios"], "1.9.1", "จองคิวตรวจ ดูลำดับคิว และรับแจ้งเตือนเมื่อใกล้ถึงคิว"),
        new("bma-traffy", "แจ้งปัญหากรุงเทพฯ", "Bangkok Fix-it", "bma", "city", ["android", "ios", "web"], "3.5.0", "ถ่ายภาพปัญหาเมือง ปักหมุด และติดตามการแก้ไขของสำนักงานเขต"),
        new("bma-tax", "ภาษีกรุงเทพฯ", "Bangkok Tax", "bma", "tax", ["android", "ios"], "1.2.0", "ตรวจสอบใบแจ้งประเมินภาษีที่ดินและสิ่งปลูกสร้าง ชำระผ่าน QR code"),
        new("bma-school", "โรงเรียนกรุงเทพฯ", "Bangkok Schools", "bma", "education", ["web"], "1.0.3", "สมัครเรียน ติดตามผลการคัดเลือก และดูข่าวประชาสัมพันธ์ของโรงเรียนสังกัดกรุงเทพมหานคร"),
        new("bma-flood", "เตือนน้ำท่วมกรุงเทพฯ", "Bangkok Flood Alert", "bma", "environment", ["android", "ios"], "2.4.2", "ระดับน้ำในคลองและจุดน้ำท่วมขังแบบเรียลไทม์ พร้อมการแจ้งเตือน"),
        new("pcd-air4thai", "คุณภาพอากาศไทย", "Thai Air Quality", "pcd", "environment", ["android", "ios", "huawei", "web"], "4.7.0", "ดัชนีคุณภาพอากาศ ค่า PM2.5 และคำแนะนำด้านสุขภาพรายชั่วโมง"),
        new("pcd-complaint", "ร้องเรียนมลพิษ", "Pollution Report", "pcd", "environment", ["android", "ios"], "1.3.4", "แจ้งปัญหาฝุ่น กลิ่น น้ำเสีย และเสียงรบกวน พร้อมพิกัดและภาพถ่าย"),
        new("tmd-weather", "พยากรณ์อากาศไทย", "Thai Weather", "tmd", "environment", ["android", "ios", "huawei"], "7.1.0", "พยากรณ์อากาศรายชั่วโมงและ 7 วัน เรดาร์ฝน และประกาศเตือนภัย"),
        new("tmd-earthquake", "แผ่นดินไหว", "Earthquake Watch", "tmd", "environment", ["android", "ios"], "1.1.0", "แจ้งเตือนแผ่นดินไหวและสึนามิ พร้อมแผนที่ตำแหน่งศูนย์กลาง"),
        new("nso-stat", "สถิติชวนรู้", "Stat Explorer", "nso", "statistics", ["android", "ios", "web"], "2.0.1", "ตัวชี้วัดสำคัญของประเทศและจังหวัดในรูปแผนภูมิที่เข้าใจง่าย"),
        new("dga-citizen-portal", "ทางรัฐ", "Citizen Portal", "dga", "civil-registration", ["android", "ios", "huawei"], "3.0.0", "บริการภาครัฐหลายหน่วยงานในแอปเดียว เข้าสู่ระบบด้วยบัญชีดิจิทัล"),
        new("dga-doc-verify", "ตรวจเอกสารรัฐ", "Gov Doc Verify", "dga", "civil-registration", ["android", "ios", "web"], "1.0.5", "สแกน QR code เพื่อตรวจสอบความถูกต้องของเอกสารอิเล็กทรอนิกส์ภาครัฐ"),
        new("moi-welfare", "สวัสดิการท้องถิ่น", "Local Welfare", "moi", "welfare", ["android", "ios"], "1.6.0", "ตรวจสอบสิทธิเบี้ยยังชีพผู้สูงอายุ เบี้ยความพิการ และวันที่โอนเงิน"),
        new("moi-disaster", "ช่วยเหลือผู้ประสบภัย", "Disaster Aid", "moi", "environment", ["android", "ios", "web"], "2.1.3", "ยื่นคำขอรับความช่วยเหลือ ดูจุดอพยพ และรับประกาศจากศูนย์บัญชาการเหตุการณ์"),
    ];

    private static readonly (string Agency, string Title, string Summary, int DaysAgo)[] NewsToSeed =
    [
        ("dopa", "สำนักทะเบียนทั่วประเทศเปิดบริการวันเสาร์ช่วงเปิดภาคเรียน", "สำนักทะเบียนอำเภอ 120 แห่งเปิดบริการทำบัตรประจำตัวประชาชนสำหรับนักเรียนในวันเสาร์ตลอดเดือนนี้", 1),
        ("pcd", "เตือนค่าฝุ่น PM2.5 เกินมาตรฐานในหลายจังหวัดภาคเหนือ", "แนะนำให้ประชาชนสวมหน้ากากและลดกิจกรรมกลางแจ้ง ตรวจสอบค่าฝุ่นได้จากแอปคุณภาพอากาศไทย", 2),
        ("dbd", "จดทะเบียนบริษัทออนไลน์ได้ตลอด 24 ชั่วโมง", "ระบบจดทะเบียนนิติบุคคลทางอิเล็กทรอนิกส์เปิดรับคำขอทุกวัน รับหนังสือรับรองอิเล็กทรอนิกส์ทันทีที่อนุมัติ", 4),
        ("tmd", "ประกาศเตือนฝนตกหนักภาคใต้ 3 วัน", "ประชาชนในพื้นที่ลาดเชิงเขาและริมทางน้ำไหลผ่านระวังน้ำท่วมฉับพลัน", 5),
        ("dga", "คู่มือสำหรับประชาชนกว่า 20 กระบวนงานค้นหาได้ในช่องทางเดียว", "ค้นหาคู่มือ บริการอิเล็กทรอนิกส์ แอปภาครัฐ และชุดข้อมูลเปิดได้จากช่องค้นหาเดียวของ GovChannel", 7),
        ("bma", "ลงทะเบียนเบี้ยยังชีพผู้สูงอายุปีงบประมาณใหม่ที่สำนักงานเขต", "ผู้ที่จะมีอายุครบ 60 ปีในปีงบประมาณถัดไปลงทะเบียนได้ที่สำนักงานเขตตามทะเบียนบ้าน", 9),
    ];

    public static async Task<string> RunAsync(IServiceProvider sp, GovDb db, User admin, Dictionary<string, string> agencies, CancellationToken ct)
    {
        var now = Clock.Now(sp.GetRequiredService<TimeProvider>());
        var caller = new Caller(admin, new Dictionary<string, string>());
        var manualIds = new Dictionary<string, string>(StringComparer.Ordinal);
        var created = (Manuals: 0, EServices: 0, Apps: 0, News: 0);

        foreach (var demo in Manuals)
        {
            var orgId = agencies[demo.Agency];
            var existing = await db.CitizenManuals.Where(m => m.OwnerOrgId == orgId && m.Name == demo.Name).Select(m => m.Id).FirstOrDefaultAsync(ct);
            if (existing is not null)
            {
                manualIds[demo.Key] = existing;
                continue;
            }
            var content = Content(demo, agencies);
            if (demo.CopyOf is not null)
            {
                var agencyTitle = await db.Groups.Where(g => g.Id == orgId).Select(g => g.Title).FirstAsync(ct);
                content.ReferenceName = $"[สำเนาคู่มือประชาชน] {content.Name} {agencyTitle}";
            }
            var errors = ManualValidation.Validate(content, "en");
            if (errors.Count > 0)
            {
                throw new InvalidOperationException($"Demo manual {demo.Key} is invalid: " + string.Join("; ", errors.Select(e => e.Key + ": " + e.Value[0])));
            }
            var manual = new CitizenManual
            {
                OwnerOrgId = orgId, Name = content.Name, Category = content.Category, Created = now, Modified = now, CreatorUserId = admin.Id,
                CopiedFromId = demo.CopyOf is { } source ? manualIds[source] : null,
            };
            var revision = new ManualRevision
            {
                ManualId = manual.Id, Number = 1, ContentJson = content.ToJson(), State = demo.State, Created = now, Modified = now, CreatedBy = admin.Id,
            };
            if (demo.State is ManualStates.Approved or ManualStates.Published)
            {
                revision.ApprovedBy = admin.Id;
                revision.ApprovedAt = now;
            }
            if (demo.State == ManualStates.Published)
            {
                revision.PublishedBy = admin.Id;
                revision.PublishedAt = now;
                manual.PublishedRevision = 1;
                manual.PublishedAt = now;
            }
            manual.Revisions.Add(revision);
            db.CitizenManuals.Add(manual);
            OneSearchIndex.Reindex(db, OneSearchIndex.Manual, manual.Id, now);
            ServiceApi.Audit(db, now, caller, manual.Id, "new citizen manual", new JsonObject { ["seed"] = "demo", ["state"] = demo.State });
            await db.SaveChangesAsync(ct);
            manualIds[demo.Key] = manual.Id;
            created.Manuals++;
        }

        foreach (var s in EServices)
        {
            if (await db.EServices.AnyAsync(e => e.Slug == s.Slug, ct))
            {
                continue;
            }
            var service = new EService
            {
                Slug = s.Slug, Name = s.Name, NameEn = s.NameEn, Description = s.Description, OwnerOrgId = agencies[s.Agency],
                ManualId = s.Manual is null ? null : manualIds.GetValueOrDefault(s.Manual), Level = s.Level, Category = s.Category,
                Channels = ServiceApi.Codes(s.Channels), Audiences = ServiceApi.Codes(s.Audiences), LifeEvents = ServiceApi.Codes(s.Events),
                Url = $"https://eservice.{s.Agency}.example.go.th/{s.Slug}",
                LaunchedOn = DateOnly.ParseExact(s.Launched, "yyyy-MM-dd", CultureInfo.InvariantCulture), Created = now, Modified = now,
            };
            db.EServices.Add(service);
            OneSearchIndex.Reindex(db, OneSearchIndex.EService, service.Id, now);
            created.EServices++;
        }
        await db.SaveChangesAsync(ct);

        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        foreach (var a in AppsToSeed)
        {
            if (await db.Apps.AnyAsync(x => x.Slug == a.Slug, ct))
            {
                continue;
            }
            var links = a.Platforms.Select(p => new StoreLink(p, p switch
            {
                "android" => $"https://play.example.com/store/apps/details?id=th.go.{a.Agency}.{a.Slug.Replace("-", "", StringComparison.Ordinal)}",
                "ios" => $"https://apps.example.com/th/app/{a.Slug}",
                "huawei" => $"https://appgallery.example.com/app/{a.Slug}",
                _ => $"https://{a.Slug}.{a.Agency}.example.go.th/",
            })).ToList();
            var app = new GovApp
            {
                Slug = a.Slug, Name = a.Name, NameEn = a.NameEn, Description = a.Description, OwnerOrgId = agencies[a.Agency], Category = a.Category,
                Platforms = ServiceApi.Codes(a.Platforms), StoreLinksJson = JsonSerializer.Serialize(links, options),
                ScreenshotsJson = JsonSerializer.Serialize(new[] { $"/img/apps/{a.Category}.svg" }, options),
                Version = a.Version, Created = now, Modified = now,
            };
            db.Apps.Add(app);
            OneSearchIndex.Reindex(db, OneSearchIndex.App, app.Id, now);
            // A few moderated ratings so that averages show; one left pending for the moderation queue.
            var stars = 3 + (a.Slug.Length % 3);
            db.AppRatings.Add(new AppRating { AppId = app.Id, UserId = admin.Id, Stars = stars, Comment = "ใช้งานสะดวก", State = RatingStates.Approved, ModeratedBy = admin.Id, ModeratedAt = now, Created = now });
            created.Apps++;
        }
        await db.SaveChangesAsync(ct);

        foreach (var (agency, title, summary, daysAgo) in NewsToSeed)
        {
            if (await db.News.AnyAsync(n => n.Title == title, ct))
            {
                continue;
            }
            var news = new NewsItem
            {
                Title = title, Summary = summary, Body = summary, OwnerOrgId = agencies[agency], PublishedAt = now.AddDays(-daysAgo), Created = now,
            };
            db.News.Add(news);
            OneSearchIndex.Reindex(db, OneSearchIndex.News, news.Id, now);
            created.News++;
        }
        await db.SaveChangesAsync(ct);
        return string.Create(CultureInfo.InvariantCulture,
            $"{created.Manuals} citizen manuals, {created.EServices} e-services, {created.Apps} apps, {created.News} news items");
    }

    private static ManualContent Content(DemoManual d, Dictionary<string, string> agencies)
    {
        var unit = d.Steps[0].Unit;
        var total = d.Steps.Sum(s => s.Value);
        var content = new ManualContent
        {
            Name = d.Name, NameEn = d.NameEn, ServingUnits = [.. d.Units], ServiceType = d.Type, Category = d.Category,
            LegalBasis = [new LawReference(d.Law, d.LawYear, d.Section)], ImpactLevel = d.Average > 1000 ? "economic-social" : "general",
            ServiceAreas = [.. d.Areas],
            StatutoryDeadline = unit == "workday" ? new StatutoryDeadline(d.Law, new Duration(total, "workday")) : null,
            Statistics = new MonthlyStatistics(d.Average, d.Average * 2, d.Average / 4),
            Channels =
            [
                new ServiceChannel { Place = d.Place, Phone = d.Agency == "dopa" ? "1548" : null, Url = $"https://www.{d.Agency}.example.go.th/" },
            ],
            Criteria = d.Criteria + "\n\nหากคำขอหรือเอกสารไม่ครบถ้วน เจ้าหน้าที่จะบันทึกความบกพร่องและรายการเอกสารที่ต้องยื่นเพิ่มเติม ผู้ยื่นคำขอต้องดำเนินการภายในระยะเวลาที่กำหนดในบันทึก มิฉะนั้นจะถือว่าละทิ้งคำขอ และจะแจ้งผลการพิจารณาภายใน 7 วันนับแต่วันที่พิจารณาแล้วเสร็จ",
            Steps = d.Steps.Select((s, i) => new ManualStep
            {
                Order = i + 1, Kind = s.Kind, Detail = s.Detail, Duration = new Duration(s.Value, s.Unit), ResponsibleUnit = d.Units[0],
            }).ToList(),
            TotalTime = new Duration(total, unit),
            ProcessReduced = d.Docs.Any(x => x.Linked),
            IdentityDocuments = d.Docs.Where(x => x.Identity).Select(Document).ToList(),
            OtherDocuments = d.Docs.Where(x => !x.Identity).Select(Document).ToList(),
            Fees = d.Fees is { Length: > 0 } fees
                ? new FeeSchedule { Items = fees.Select(f => new FeeItem { Description = f.Description, Amount = f.Amount, AmountMax = f.Max }).ToList() }
                : new FeeSchedule { None = true },
            ComplaintChannels = [new ComplaintChannel { Name = "ศูนย์รับเรื่องร้องเรียนของหน่วยงาน", Url = $"https://www.{d.Agency}.example.go.th/complaint" }],
            Remarks = "คู่มือตัวอย่างสำหรับระบบสาธิต GovChannel",
        };
        content.Normalise();
        return content;
    }

    private static RequiredDocument Document(Doc d) => new()
    {
        Name = d.Name, Issuer = d.Issuer, Originals = d.Originals, Copies = d.Copies, Unit = "copy", Remark = d.Remark, ObtainedByAgency = d.Linked,
    };
}
