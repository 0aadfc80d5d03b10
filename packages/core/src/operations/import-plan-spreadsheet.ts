// Plans as spreadsheets: read an uploaded workbook, import it, and build the template; one concern
// per file in plan-spreadsheet/ (model.ts: the file's constants and result types).
export * from "./plan-spreadsheet/model";
export { cellText, readPlanWorkbook } from "./plan-spreadsheet/read";
export { importPlanSpreadsheet } from "./plan-spreadsheet/import";
export { buildPlanTemplate, planTemplateFor, type TemplateDepartment } from "./plan-spreadsheet/template";
