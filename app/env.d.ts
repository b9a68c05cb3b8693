// Ambient declarations the app build needs from src/ (tsconfig.app.json only includes app/**).
/// <reference path="../src/library/papaparse.d.ts" />
