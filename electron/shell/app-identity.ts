// The app's name and id, shared by main.ts and checked against electron-builder.yml by a test:
// Windows ties notifications to the id, and every platform names the data folder after the product.
export const PRODUCT_NAME = 'Steward';
export const APP_ID = 'dev.steward.console';
