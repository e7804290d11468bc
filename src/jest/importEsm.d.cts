/** `import(specifier)`, kept a real dynamic import in CommonJS output. */
export declare function importEsm(specifier: string): Promise<unknown>;
